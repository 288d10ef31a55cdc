// The service's answer shapes, shared by every part of the emulator: a success is
// {"Response": {...result, "RequestId"}}, a refusal {"Response": {"Error": {"Code", "Message"},
// "RequestId"}}. Everything the emulator sends, even for a wrong path or method, is one of them.
import { randomUUID } from 'node:crypto';

/** A refusal with the service's code. `status` is the HTTP status (the API itself uses 200). */
export class ApiError extends Error {
  constructor(code, message, status = 200) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export const newRequestId = () => randomUUID();

/** The answer of a refusal: { status, body }. */
export function errorAnswer(code, message, { status = 200, requestId = newRequestId() } = {}) {
  return { status, body: { Response: { Error: { Code: code, Message: message }, RequestId: requestId } } };
}

/**
 * The most an answer carries, in characters of JSON: our own bound (the service documents
 * ResponseSizeLimitExceeded but not its size). A page of 100 tasks of the longest script
 * Content carries (64 KB) and the most output (24 KB each, base64) is about 10 MB: under it.
 */
export const ANSWER_MAX_CHARS = 16 * 1024 * 1024;

/**
 * Refuses, as the service does with ResponseSizeLimitExceeded, an answer whose estimated size
 * (counted before it is built) is over ANSWER_MAX_CHARS: a 13 MB script repeated in each of 20
 * tasks made a 249 MiB page. A smaller Limit, or HideOutput, is the way to read it.
 */
export function withinAnswerLimit(chars) {
  if (chars > ANSWER_MAX_CHARS) {
    throw new ApiError('ResponseSizeLimitExceeded', `This page would be about ${chars} characters; the sandbox answers at most ${ANSWER_MAX_CHARS}. Ask for fewer items (Limit).`);
  }
}

/** The answer of a success: { status: 200, body }. */
export function resultAnswer(result, requestId = newRequestId()) {
  return { status: 200, body: { Response: { ...result, RequestId: requestId } } };
}
