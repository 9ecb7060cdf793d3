import type { SourceKind } from '@labpulse/connectors';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type SourceStatus = 'ok' | 'failing' | 'paused' | 'auth_failed';

@Entity('sources')
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: SourceKind;

  @Column({ type: 'text' })
  name!: string;

  /** Query (x_search), page id (facebook_page), organization URN (linkedin_org) or file path (import). */
  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'jsonb' })
  options!: Record<string, unknown>;

  @Column({ name: 'poll_interval_seconds', type: 'integer' })
  pollIntervalSeconds!: number;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'text' })
  status!: SourceStatus;

  @Column({ type: 'jsonb', nullable: true })
  cursor!: Record<string, unknown> | null;

  @Column({ name: 'cursor_version', type: 'integer' })
  cursorVersion!: number;

  @Column({ name: 'next_poll_at', type: 'timestamptz' })
  nextPollAt!: Date;

  @Column({ name: 'paused_until', type: 'timestamptz', nullable: true })
  pausedUntil!: Date | null;

  @Column({ name: 'last_poll_at', type: 'timestamptz', nullable: true })
  lastPollAt!: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'consecutive_failures', type: 'integer' })
  consecutiveFailures!: number;

  /** bigint arrives from pg as a string. */
  @Column({ name: 'posts_collected', type: 'bigint' })
  postsCollected!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
