import { ValidationError } from '../../shared/errors.js';

/** edXML that cannot be accepted (unsafe, malformed, not our profile, bad signature). HTTP 400/422. */
export class EdxmlError extends ValidationError {
  constructor(code: string, message: string, details?: Record<string, unknown>, status = 400) {
    super(code, message, details, status);
  }
}
