import { Injectable } from '@nestjs/common';
import { TrendRepository, type ZoneOffsetProfile } from '@labpulse/persistence';

const UTC_PROFILE: ZoneOffsetProfile = { utc: true, wholeHours: true, fiveMinutes: true };
// A local week starts up to 7 days (plus an offset) before `from`: look at offsets that early too.
const LOOK_BACK_MS = 8 * 86_400_000;

/**
 * Time zones as Postgres knows them (it does the bucketing, so its tz database is the one that
 * counts), and per (zone, year) whether its offsets are whole hours. Both cached for the process.
 */
@Injectable()
export class TimeZones {
  private names: Promise<Set<string>> | null = null;
  private readonly profiles = new Map<string, Promise<ZoneOffsetProfile>>();

  constructor(private readonly trends: TrendRepository) {}

  async isKnown(timeZone: string): Promise<boolean> {
    this.names ??= this.trends.timeZoneNames().then((names) => new Set(names));
    try {
      return (await this.names).has(timeZone);
    } catch (error) {
      this.names = null; // retry the lookup on the next request
      throw error;
    }
  }

  async profile(timeZone: string, from: Date, to: Date): Promise<ZoneOffsetProfile> {
    if (timeZone === 'UTC') return UTC_PROFILE;
    const first = new Date(from.getTime() - LOOK_BACK_MS).getUTCFullYear();
    const years: Array<Promise<ZoneOffsetProfile>> = [];
    for (let year = first; year <= to.getUTCFullYear(); year += 1) years.push(this.yearProfile(timeZone, year));
    const all = await Promise.all(years);
    return {
      utc: all.every((p) => p.utc),
      wholeHours: all.every((p) => p.wholeHours),
      fiveMinutes: all.every((p) => p.fiveMinutes),
    };
  }

  private yearProfile(timeZone: string, year: number): Promise<ZoneOffsetProfile> {
    const key = `${timeZone}|${year}`;
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = this.trends.zoneOffsetProfile(
        timeZone,
        new Date(Date.UTC(year, 0, 1)),
        new Date(Date.UTC(year + 1, 0, 1)),
      );
      profile.catch(() => this.profiles.delete(key));
      this.profiles.set(key, profile);
    }
    return profile;
  }
}
