import { AdvancedConsoleLogger, type QueryRunner } from 'typeorm';

// Webhook signing secrets (whsec_, and the asymmetric whsk_) are query parameters when stored.
const SECRET = /^whs(ec|k)_/;

function redact(parameters: unknown[] | undefined): unknown[] | undefined {
  return parameters?.map((p) => (typeof p === 'string' && SECRET.test(p) ? '[redacted]' : p));
}

/**
 * TypeORM's console logger, except that a failed (or logged) query never prints a secret among
 * its parameters: a database error while saving a webhook endpoint must not leak its secret.
 */
export class SecretRedactingLogger extends AdvancedConsoleLogger {
  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    super.logQuery(query, redact(parameters), queryRunner);
  }

  override logQueryError(error: string, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    super.logQueryError(error, query, redact(parameters), queryRunner);
  }

  override logQuerySlow(time: number, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    super.logQuerySlow(time, query, redact(parameters), queryRunner);
  }
}
