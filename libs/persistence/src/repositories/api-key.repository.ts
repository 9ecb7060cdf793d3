import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-token';

export const API_SCOPES = ['read', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiKeyRecord {
  id: string;
  /** Visible start of the key, e.g. `lp_3kW9xQ2a`; not secret. */
  prefix: string;
  /** Hex SHA-256 of the whole key. */
  keyHash: string;
  name: string;
  scopes: ApiScope[];
  /** Requests per minute; null means the configured default. */
  rateLimitPerMinute: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiKey {
  prefix: string;
  keyHash: string;
  name: string;
  scopes: ApiScope[];
  rateLimitPerMinute: number | null;
}

/** Thrown when a generated prefix is already taken (astronomically rare; the caller draws again). */
export class ApiKeyPrefixTakenError extends Error {}

const COLUMNS = 'id, prefix, key_hash, name, scopes, rate_limit_per_minute, created_at, last_used_at, revoked_at';

/** API keys, stored as hashes only. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly db: DataSource) {}

  /** Generates a key, stores its hash and returns the key: the only time it exists in clear. */
  async issue(options: {
    scopes: ApiScope[];
    name?: string;
    rateLimitPerMinute?: number | null;
  }): Promise<{ key: string; record: ApiKeyRecord }> {
    for (let attempt = 0; ; attempt += 1) {
      const key = generateApiKey();
      try {
        const record = await this.create({
          prefix: apiKeyPrefix(key) as string,
          keyHash: hashApiKey(key),
          name: options.name ?? '',
          scopes: options.scopes,
          rateLimitPerMinute: options.rateLimitPerMinute ?? null,
        });
        return { key, record };
      } catch (error) {
        if (!(error instanceof ApiKeyPrefixTakenError) || attempt >= 3) throw error;
      }
    }
  }

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    try {
      const [row] = (await this.db.query(
        `INSERT INTO api_keys (prefix, key_hash, name, scopes, rate_limit_per_minute) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [key.prefix, key.keyHash, key.name, key.scopes, key.rateLimitPerMinute],
      )) as ApiKeyRow[];
      return toRecord(row);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ApiKeyPrefixTakenError(key.prefix);
      throw error;
    }
  }

  /** The key with this visible prefix, revoked or not; the caller compares hashes. */
  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM api_keys WHERE prefix = $1`, [prefix])) as ApiKeyRow[];
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** The prefixes of every key not revoked: a few bytes per key, so an api replica can hold them all. */
  async activePrefixes(): Promise<string[]> {
    const rows = (await this.db.query('SELECT prefix FROM api_keys WHERE revoked_at IS NULL')) as Array<{
      prefix: string;
    }>;
    return rows.map((r) => r.prefix);
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)) as ApiKeyRow[];
    return rows.map(toRecord);
  }

  /** Revokes by id or prefix; false when no active key matched. */
  async revoke(idOrPrefix: string): Promise<boolean> {
    const rows = (await this.db.query(
      `WITH revoked AS (
         UPDATE api_keys SET revoked_at = now()
         WHERE (prefix = $1 OR id::text = $1) AND revoked_at IS NULL
         RETURNING id)
       SELECT id FROM revoked`,
      [idOrPrefix],
    )) as Array<{ id: string }>;
    return rows.length > 0;
  }

  /** Records use; callers throttle this, it is bookkeeping, not an audit log. */
  async touch(id: string): Promise<void> {
    await this.db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id]);
  }
}

interface ApiKeyRow {
  id: string;
  prefix: string;
  key_hash: string;
  name: string;
  scopes: ApiScope[];
  rate_limit_per_minute: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    prefix: row.prefix,
    keyHash: row.key_hash,
    name: row.name,
    scopes: row.scopes,
    rateLimitPerMinute: row.rate_limit_per_minute,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
