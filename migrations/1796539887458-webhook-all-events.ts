import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Endpoints created without an event list ("all events") get event types added later, such as
 * source.paused and source.resumed: `all_events` says so instead of the list frozen at creation.
 * Existing endpoints subscribed to every type that existed before those two took the default (or chose
 * everything), so they become all-events endpoints; endpoints with a narrower list keep it.
 */
export class WebhookAllEvents1796539887458 implements MigrationInterface {
  name = 'WebhookAllEvents1796539887458';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_endpoints ADD COLUMN all_events boolean NOT NULL DEFAULT false`);
    await db.query(
      `UPDATE webhook_endpoints SET all_events = true
       WHERE event_types @> ARRAY['alert.firing', 'alert.reminder', 'alert.escalated', 'alert.resolved', 'source.failing']`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_endpoints DROP COLUMN all_events`);
  }
}
