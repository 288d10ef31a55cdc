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

/** The answer of a success: { status: 200, body }. */
export function resultAnswer(result, requestId = newRequestId()) {
  return { status: 200, body: { Response: { ...result, RequestId: requestId } } };
}
