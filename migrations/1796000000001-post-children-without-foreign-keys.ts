import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7 (throughput): the scoring outbox, scores and lab mentions no longer carry foreign keys to
 * posts, nor mentions to labs, nor posts to sources. Each key cost a row lookup and a row lock (a
 * WAL record) for every row written, about a million of each per 200k posts (bench:scale,
 * pg_stat_statements), for cascades that only the retention purge, lab deletion and source deletion
 * need, and those now delete (or clear source_id) explicitly. bench:write-path, runs alternated
 * with and without this migration: Postgres CPU 72-74 -> 51-53 us a post (-29%).
 *
 * What keeps them consistent instead (docs/data-lifecycle.md, "Rows that belong to a post"): every
 * writer joins posts, and takes the watermark lock shared and skips posts below the watermark, so a
 * purge (which deletes only below the watermark, moved under that lock held exclusively) never
 * races a write for the same post. A mention writer locks the few labs of its batch (KEY SHARE, as
 * the key did per row) and joins labs, so a lab deletion waits for it and then deletes its mentions.
 * A page of posts is stored with its source row locked (IngestRepository.savePage), so a source
 * deletion waits for it and then clears source_id on what it stored.
 */
export class PostChildrenWithoutForeignKeys1796000000001 implements MigrationInterface {
  name = 'PostChildrenWithoutForeignKeys1796000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE pending_scores DROP CONSTRAINT pending_scores_post_id_fkey');
    await db.query('ALTER TABLE post_scores DROP CONSTRAINT post_scores_post_id_fkey');
    await db.query('ALTER TABLE post_lab_mentions DROP CONSTRAINT post_lab_mentions_post_id_fkey');
    await db.query('ALTER TABLE post_lab_mentions DROP CONSTRAINT post_lab_mentions_lab_slug_fkey');
    await db.query('ALTER TABLE posts DROP CONSTRAINT posts_source_id_fkey');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'UPDATE posts p SET source_id = NULL WHERE source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = p.source_id)',
    );
    await db.query(
      'ALTER TABLE posts ADD CONSTRAINT posts_source_id_fkey FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE SET NULL',
    );
    await db.query('DELETE FROM post_lab_mentions m WHERE NOT EXISTS (SELECT 1 FROM labs l WHERE l.slug = m.lab_slug)');
    await db.query(
      'ALTER TABLE post_lab_mentions ADD CONSTRAINT post_lab_mentions_lab_slug_fkey FOREIGN KEY (lab_slug) REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE',
    );
    for (const table of ['pending_scores', 'post_scores', 'post_lab_mentions']) {
      // Children of posts purged while the keys were gone would block the keys: drop them first.
      await db.query(`DELETE FROM ${table} c WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = c.post_id)`);
      await db.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_post_id_fkey FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE`,
      );
    }
  }
}
