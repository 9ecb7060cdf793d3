// @ts-check
/**
 * The shapes of the REST answers the page reads (see /openapi.json), for type checking only.
 *
 * @typedef {{ slug: string, name: string, enabled: boolean }} Lab
 *
 * @typedef {{
 *   start: string, volume: number, positive: number, neutral: number, negative: number, unscored: number,
 *   netSentiment: number | null, meanSentiment: number | null, favor: number, against: number, stanceNeutral: number,
 *   shareOfVoice: number | null
 * }} TrendPoint
 * @typedef {{ lab: string, name: string, platform: string, points: TrendPoint[] }} TrendSeries
 * @typedef {{ start: string, sources: number, healthy: number }} CoveragePoint
 * @typedef {{
 *   interval: string, from: string, to: string, series: TrendSeries[],
 *   coverage: Array<{ platform: string, points: CoveragePoint[] }>
 * }} TrendsResponse
 *
 * @typedef {{
 *   volume: number, positive: number, neutral: number, negative: number, unscored: number, netSentiment: number | null,
 *   favor: number, against: number, stanceNeutral: number, shareOfVoice: number | null
 * }} PeriodMeasures
 * @typedef {{ volume: number, volumePercent: number | null, netSentiment: number | null, shareOfVoice: number | null }} PeriodChange
 * @typedef {{ lab: string, name: string, current: PeriodMeasures, previous: PeriodMeasures, change: PeriodChange }} CompareLab
 * @typedef {{ current: { from: string, to: string }, previous: { from: string, to: string }, labs: CompareLab[] }} CompareResponse
 *
 * @typedef {{
 *   platform: string, externalId: string, url: string | null, author: { name: string | null }, text: string,
 *   postedAt: string, engagement: { likes: number, comments: number, shares: number },
 *   sentiment: { label: string, score: number } | null, stance: { label: string } | null
 * }} Post
 * @typedef {{ lab: string, name: string, data: Post[], next: string | null }} PostsPage
 *
 * @typedef {{
 *   id: string, lab: string, platform: string, metric: string, direction: string, status: string,
 *   openedAt: string, startsAt: string | null, endsAt: string | null, peakScore: number | null
 * }} Alert
 * @typedef {{
 *   bucketStart: string, observed: number | null, expected: number | null, score: number | null, n: number | null,
 *   decision: string, reason: string
 * }} Evaluation
 * @typedef {Alert & { rule: { name?: string }, evaluations: Evaluation[] }} AlertDetail
 *
 * @typedef {{
 *   id: string, kind: string, name: string, enabled: boolean, createdAt: string,
 *   health: { status: string, lastSuccessAt: string | null, lastError: string | null, consecutiveFailures: number }
 * }} Source
 */

export {};
