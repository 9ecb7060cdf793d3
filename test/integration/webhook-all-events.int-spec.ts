import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { OutboxRepository } from '@labpulse/persistence';
import { openTestDatabase, testConfig } from '@labpulse/testing';
import { WebhookAllEvents1796539887458 } from '../../migrations/1796539887458-webhook-all-events';
import { SEALED_PREFIX } from '../../libs/persistence/src/secrets/secret-box';

/**
 * Endpoints that took the default "all events" subscription before source.paused / source.resumed
 * existed get them after the migration; endpoints with a narrower list keep it.
 */
let db: DataSource;

before(async () => {
  db = await openTestDatabase(testConfig());
});
after(async () => {
  await db.destroy();
});

const BEFORE_PAUSES = ['alert.firing', 'alert.reminder', 'alert.escalated', 'alert.resolved', 'source.failing'];

test('the migration makes default-subscribed endpoints all-events, and a source.paused reaches them only', async () => {
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  try {
    const migration = new WebhookAllEvents1796539887458();
    await migration.down(runner);
    const insert = async (eventTypes: string[]): Promise<string> => {
      const [row] = (await runner.query(
        // The secret only has to look sealed here: nothing is signed.
        `INSERT INTO webhook_endpoints (url, event_types, secret) VALUES ('https://hooks.example.com/a', $1, $2) RETURNING id`,
        [eventTypes, `${SEALED_PREFIX}test`],
      )) as Array<{ id: string }>;
      return row.id;
    };
    const byDefault = await insert(BEFORE_PAUSES);
    const narrow = await insert(['alert.firing', 'alert.resolved']);
    await migration.up(runner);

    const flags = (await runner.query(`SELECT id, all_events FROM webhook_endpoints WHERE id = ANY ($1)`, [
      [byDefault, narrow],
    ])) as Array<{ id: string; all_events: boolean }>;
    assert.deepEqual(
      new Map(flags.map((f) => [f.id, f.all_events])),
      new Map([
        [byDefault, true],
        [narrow, false],
      ]),
    );

    const outbox = new OutboxRepository(db);
    const pending = await outbox.writeEvents(runner.manager, [
      {
        type: 'source.paused',
        dedupeKey: `test-all-events:${byDefault}`,
        alertId: null,
        sourceId: null,
        sequence: null,
        occurredAt: new Date(),
        body: '{"type":"source.paused"}',
      },
    ]);
    const endpoints = (await runner.query(
      `SELECT endpoint_id FROM webhook_deliveries WHERE id = ANY ($1) AND endpoint_id = ANY ($2)`,
      [pending.map((p) => p.deliveryId), [byDefault, narrow]],
    )) as Array<{ endpoint_id: string }>;
    assert.deepEqual(
      endpoints.map((e) => e.endpoint_id),
      [byDefault],
      'the default-subscribed endpoint gets the new event type; the narrow one does not',
    );
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});
