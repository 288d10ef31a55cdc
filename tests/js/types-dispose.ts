// Compiled by tsc >= 5.2 with the `esnext.disposable` library, as a project that uses `using`
// chooses: Pacer is Disposable there (and the package declares no library of its own).
import * as tat from 'tat-request';

{
  using scoped = new tat.Pacer(5);
  void scoped.delay(0);
}
