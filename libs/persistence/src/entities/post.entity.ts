import type { Platform } from '@labpulse/connectors';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('posts')
export class PostEntity {
  /** bigint identity; pg returns it as a string. */
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  platform!: Platform;

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId!: string | null;

  @Column({ name: 'parent_external_id', type: 'text', nullable: true })
  parentExternalId!: string | null;

  @Column({ name: 'author_id', type: 'text', nullable: true })
  authorId!: string | null;

  @Column({ name: 'author_name', type: 'text', nullable: true })
  authorName!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  /** When the platform says the post was published. */
  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt!: Date;

  @Column({ name: 'fetched_at', type: 'timestamptz' })
  fetchedAt!: Date;

  @Column({ type: 'integer' })
  likes!: number;

  @Column({ type: 'integer' })
  comments!: number;

  @Column({ type: 'integer' })
  shares!: number;

  @Column({ type: 'integer', nullable: true })
  quotes!: number | null;

  @Column({ type: 'bigint', nullable: true })
  impressions!: string | null;
}
