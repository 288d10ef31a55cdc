// The terminal of #/shell: xterm.js (npm @xterm/xterm, served by the console server from its
// own files, loaded on first use, never from a CDN) under the page's CSP, and a line editor
// over it (typing, Backspace, Up/Down through a history, Ctrl+C, Ctrl+U, Ctrl+L, several pasted
// lines run one after another). What a line does is the caller's: views/shell.js.
import { el } from './dom.js';

const XTERM = '/vendor/xterm/lib/xterm.mjs';
const XTERM_CSS = '/vendor/xterm/css/xterm.css';
/** Characters one typed line may hold; the package refuses a script past the API's limit anyway. */
const LINE_MAX = 32 * 1024;
/** Pasted lines waiting for the one running. */
const QUEUE_MAX = 100;

const ESC = '\x1b[';
/**
 * Control sequences (CSI, OSC, two-character escapes) and other control characters but tab and
 * newline: the terminal renders them, the log's text (what screen readers read) leaves them out.
 */
const CONTROLS = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f\x7f]/g;
export const plain = (text) => text.replace(CONTROLS, '');
export const paint = (code, text) => `${ESC}${code}m${text}${ESC}0m`;

let xterm = null; // the module, once loaded

/**
 * xterm writes its generated CSS (theme colours, row sizes, the scrollbar's colours) into
 * <style> elements and a few colours into style attributes, which the page's CSP (style-src
 * 'self', no inline styles) refuses: xtermjs/xterm.js#4445. The same CSS reaches the page
 * through the CSSOM instead, which the CSP does not govern: a <style> the document is asked
 * for is an inert <template> stand-in (even an empty <style> is checked, and reported, as it
 * is inserted) whose text goes into a constructed stylesheet adopted by the document, and a
 * span's style attribute is set as its style.cssText. Installed once, when xterm is loaded;
 * nothing else in the page creates <style> elements.
 */
function routeStylesThroughCssom() {
  const create = Document.prototype.createElement;
  document.createElement = function createElement(name, options) {
    const tag = String(name).toLowerCase();
    const node = create.call(this, tag === 'style' ? 'template' : name, options);
    if (tag === 'style') {
      node.dataset.style = 'cssom';
      const sheet = new CSSStyleSheet();
      let text = '';
      Object.defineProperty(node, 'textContent', {
        get: () => text,
        set: (value) => {
          text = String(value ?? '');
          sheet.replaceSync(text);
        },
      });
      const remove = node.remove;
      node.remove = function removeStyle() {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        remove.call(this);
      };
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } else if (tag === 'span') {
      const setAttribute = node.setAttribute;
      node.setAttribute = function setStyle(attr, value) {
        if (String(attr).toLowerCase() === 'style') this.style.cssText = String(value);
        else setAttribute.call(this, attr, value);
      };
    }
    return node;
  };
}

async function loadXterm() {
  if (xterm) return xterm;
  document.head.append(el('link', { rel: 'stylesheet', href: XTERM_CSS }));
  routeStylesThroughCssom();
  xterm = await import(XTERM);
  return xterm;
}

/** A terminal opened in `host`: fixed size, a theme of readable colours; Tab leaves it. */
export async function openTerminal(host) {
  const { Terminal } = await loadXterm();
  const term = new Terminal({
    rows: 20,
    cols: 100,
    convertEol: true,
    cursorBlink: false,
    scrollback: 2000,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 14,
    // Every colour at least 4.5:1 on the background (WCAG AA, axe's color-contrast), bright or not.
    theme: {
      background: '#0f172a', foreground: '#e2e8f0', cursor: '#e2e8f0',
      black: '#94a3b8', red: '#f87171', green: '#4ade80', yellow: '#facc15', blue: '#60a5fa', magenta: '#e879f9', cyan: '#22d3ee', white: '#e2e8f0',
      brightBlack: '#94a3b8', brightRed: '#fca5a5', brightGreen: '#86efac', brightYellow: '#fde047', brightBlue: '#93c5fd', brightMagenta: '#f0abfc', brightCyan: '#67e8f9', brightWhite: '#f8fafc',
    },
  });
  term.open(host);
  // Tab leaves the terminal, as everywhere else in the page (keyboard users are never trapped).
  term.attachCustomKeyEventHandler((e) => e.key !== 'Tab');
  return term;
}

/**
 * A line editor on `term`. `prompt()` writes the prompt; `run(text)` runs a line and resolves
 * when it has ended; `interrupt()` is Ctrl+C while a line runs. `history()` gives the cursor
 * (shell-session's historyCursor) of the session's history, or null when there is no session:
 * input is then ignored. Returns { reset(), running }.
 */
export function createLineEditor({ term, prompt, run, interrupt, history }) {
  let line = '';
  let busy = false;
  const queue = [];

  term.onData((data) => {
    const cursor = history();
    if (!cursor) return;
    if (busy) {
      if (data.includes('\x03')) {
        queue.length = 0;
        interrupt();
      }
      return;
    }
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === '\x1b') {
        const seq = /^\x1b\[[0-9;]*[A-Za-z~]|^\x1bO[A-Za-z]/.exec(data.slice(i))?.[0] ?? '\x1b';
        i += seq.length - 1;
        if (seq === '\x1b[A' || seq === '\x1bOA') replaceLine(cursor.up(line));
        else if (seq === '\x1b[B' || seq === '\x1bOB') replaceLine(cursor.down());
        continue;
      }
      if (c === '\r' || c === '\n') {
        if (c === '\n' && data[i - 1] === '\r') continue;
        const rest = data.slice(i + 1).split(/\r\n?|\n/);
        submit(line, rest.at(-1) === '' ? rest.slice(0, -1) : rest);
        return;
      }
      if (c === '\x7f' || c === '\b') {
        if (line) {
          line = [...line].slice(0, -1).join('');
          term.write('\b \b');
        }
      } else if (c === '\x03') {
        term.write('^C\r\n');
        line = '';
        cursor.reset();
        prompt();
      } else if (c === '\x15') {
        replaceLine('');
      } else if (c === '\x0c') {
        term.clear();
      } else if (c >= ' ' && line.length < LINE_MAX) {
        line += c;
        term.write(c);
      }
    }
  });

  function replaceLine(text) {
    line = text.slice(0, LINE_MAX);
    term.write(`\r${ESC}K`);
    prompt();
    term.write(line);
  }

  /** Runs `text`; `more` are pasted lines that run after it, one by one. */
  function submit(text, more = []) {
    term.write('\r\n');
    queue.push(...more.slice(0, QUEUE_MAX - queue.length));
    line = '';
    history()?.reset();
    if (text.trim() === '') return next();
    busy = true;
    run(text).finally(() => {
      busy = false;
      next();
    });
  }

  function next() {
    if (queue.length) {
      const text = queue.shift();
      prompt();
      term.write(text);
      submit(text);
    } else {
      prompt();
    }
  }

  return {
    /** A new session: nothing typed, nothing queued. */
    reset() {
      line = '';
      queue.length = 0;
    },
    get running() {
      return busy;
    },
  };
}
