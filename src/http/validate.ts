import type { NextFunction, Request, Response } from 'express';
import { assertContract } from '../shared/contracts.js';

/** Route stage: validates the JSON body against a schema in contracts/ (by `$id`). */
export function validateBody(schemaId: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    assertContract(schemaId, req.body ?? {}, 'REQUEST_INVALID');
    next();
  };
}
