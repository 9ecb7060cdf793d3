import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@labpulse/config';
import { API_SCOPES, ApiKeyRepository, type ApiScope, createDataSource } from '@labpulse/persistence';
import { type CliCommand, type CliIo, UsageError } from '../cli-command';

const USAGE =
  'apikey create --scope read|admin [--name <label>] [--rate-limit <per minute>] | apikey list | apikey revoke <prefix|id>';

/**
 * Manages API keys. `create` prints the key once, alone on stdout (so `KEY=$(npm run --silent cli
 * -- apikey create --scope admin)` works); only its SHA-256 is stored, so it cannot be shown again.
 */
export const apikeyCommand: CliCommand = {
  name: 'apikey',
  usage: USAGE,
  summary: 'create, list or revoke API keys (create prints the key once)',
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action !== 'create' && action !== 'list' && action !== 'revoke')
      throw new UsageError('apikey needs create, list or revoke');
    const { values, positionals } = parse(rest);
    const config = loadConfigOrExit();
    const db = createDataSource({ url: config.database.url, poolSize: 1 });
    await db.initialize();
    try {
      const keys = new ApiKeyRepository(db);
      if (action === 'create') return await create(keys, values, io);
      if (action === 'list') return await list(keys, io);
      const target = positionals[0];
      if (!target) throw new UsageError('apikey revoke needs the key prefix (lp_...) or id');
      if (!(await keys.revoke(target))) {
        io.stderr.write(`no active key ${target}\n`);
        return 1;
      }
      io.stderr.write(`revoked ${target}; API replicas stop accepting it within 30 s\n`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};

type Options = { scope?: string; name?: string; 'rate-limit'?: string };

function parse(args: string[]): { values: Options; positionals: string[] } {
  try {
    return parseArgs({
      args,
      options: { scope: { type: 'string' }, name: { type: 'string' }, 'rate-limit': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function create(keys: ApiKeyRepository, values: Options, io: CliIo): Promise<number> {
  const scope = values.scope;
  if (!scope || !(API_SCOPES as readonly string[]).includes(scope))
    throw new UsageError(`--scope must be one of ${API_SCOPES.join(', ')}`);
  let rateLimit: number | null = null;
  if (values['rate-limit'] !== undefined) {
    rateLimit = Number(values['rate-limit']);
    if (!Number.isInteger(rateLimit) || rateLimit < 1)
      throw new UsageError('--rate-limit must be a positive whole number of requests per minute');
  }
  const { key, record } = await keys.issue({
    scopes: [scope as ApiScope],
    name: values.name ?? '',
    rateLimitPerMinute: rateLimit,
  });
  io.stdout.write(`${key}\n`);
  io.stderr.write(`created ${scope} key ${record.prefix}... (id ${record.id}); store it now, it is not shown again\n`);
  return 0;
}

async function list(keys: ApiKeyRepository, io: CliIo): Promise<number> {
  const rows = await keys.list();
  if (rows.length === 0) {
    io.stderr.write('no API keys; create one with: npm run --silent cli -- apikey create --scope admin\n');
    return 0;
  }
  for (const k of rows) {
    const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
    const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : 'never used';
    const limit = k.rateLimitPerMinute ? `${k.rateLimitPerMinute}/min` : 'default limit';
    io.stdout.write(`${k.prefix}...  ${k.scopes.join(',').padEnd(5)}  ${state}  ${used}  ${limit}  ${k.name}\n`);
  }
  return 0;
}
