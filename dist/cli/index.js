#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 978:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  o_: () => (/* binding */ CHECKED_STATS),
  _3: () => (/* binding */ evaluate),
  HX: () => (/* binding */ regressionSentence)
});

// UNUSED EXPORTS: estimateContrasts, pairedSets, regressionLimitUs

// EXTERNAL MODULE: ./src/load/types.ts
var types = __nccwpck_require__(557);
// EXTERNAL MODULE: ./src/analysis/interval.ts
var interval = __nccwpck_require__(561);
;// CONCATENATED MODULE: ./src/analysis/overhead.ts

/**
 * Overhead per statistic = through-gateway − calibration, in µs. Each percentile is
 * subtracted from the same percentile (not request by request), as the seed does: the two
 * phases are samples of the same load.
 */
function overheadUs(calibrationNs, gatewayNs) {
    const overhead = {};
    for (const key of types/* LATENCY_STAT_KEYS */.J) {
        overhead[key] = (gatewayNs[key] - calibrationNs[key]) / 1000;
    }
    return overhead;
}

// EXTERNAL MODULE: ./src/analysis/verdict.ts
var verdict = __nccwpck_require__(319);
;// CONCATENATED MODULE: ./src/analysis/evaluate.ts




/** The statistics checked against limits; min, p99.9 and max rest on a few requests each. */
const CHECKED_STATS = ['mean', 'p50', 'p90', 'p95', 'p99'];
const STAT_LABEL = {
    min: 'Min',
    mean: 'Mean',
    p50: 'P50',
    p90: 'P90',
    p95: 'P95',
    p99: 'P99',
    p999: 'P99.9',
    max: 'Max'
};
const modeSuffix = (mode) => (mode === 'streaming' ? '-streaming' : '');
const modeLabel = (mode) => (mode === 'streaming' ? ' (streaming)' : '');
const formatUs = (us) => `${us.toFixed(1)} µs`;
/**
 * From measured attacks and phases to overhead, intervals and checks: pure, no I/O.
 *
 * Checks, per mode: the measurement's validity (calibration's success rate and its p50
 * beyond the mock provider's latency, every measured and stress attack's achieved rate and
 * worker cap, an overhead interval that does not lie wholly below zero), the overhead
 * limits (estimate ≤ limit, as the seed), and the success rates of the overhead phase and
 * of every stress run. A phase that did not complete is
 * left out; the run's failure then says why.
 */
function evaluate(attacks, phases, config) {
    const checks = [];
    const overhead = [];
    const regression = [];
    for (const attack of attacks) {
        if (attack.purpose !== 'warmup' && !attack.cutShort)
            checks.push(...loadChecks(attack, config));
    }
    for (const mode of config.modes) {
        const ofMode = phases.filter((phase) => phase.mode === mode);
        const calibration = ofMode.find((phase) => phase.role === 'calibration');
        const gateway = ofMode.find((phase) => phase.role === 'overhead');
        const suffix = modeSuffix(mode);
        if (calibration) {
            checks.push((0,verdict/* makeCheck */.Ht)({
                id: `calibration${suffix}-success-rate`,
                label: `Calibration success rate${modeLabel(mode)}`,
                category: 'validity',
                mode,
                value: (0,verdict/* successPct */.XU)(calibration.statistics),
                limit: config.minStressSuccessRatePct,
                unit: '%',
                bound: 'min',
                detail: `the mock provider itself failed requests (${failureSummary(calibration)}), so the measurement is invalid, not the gateway slow`
            }));
            if (calibration.statistics.successes > 0)
                checks.push(calibrationExcessCheck(calibration, config));
        }
        if (gateway) {
            checks.push((0,verdict/* makeCheck */.Ht)({
                id: `overhead${suffix}-success-rate`,
                label: `Overhead phase success rate${modeLabel(mode)}`,
                category: 'success',
                mode,
                value: (0,verdict/* successPct */.XU)(gateway.statistics),
                limit: config.minStressSuccessRatePct,
                unit: '%',
                bound: 'min',
                detail: `through the gateway: ${failureSummary(gateway)}`
            }));
        }
        const base = ofMode.find((phase) => phase.role === 'base-overhead');
        if (base) {
            checks.push((0,verdict/* makeCheck */.Ht)({
                id: `overhead${suffix}-base-success-rate`,
                label: `Base gateway success rate${modeLabel(mode)}`,
                category: 'validity',
                mode,
                value: (0,verdict/* successPct */.XU)(base.statistics),
                limit: config.minStressSuccessRatePct,
                unit: '%',
                bound: 'min',
                detail: `the base build failed requests (${failureSummary(base)}), so head cannot be compared with it`
            }));
        }
        if (calibration &&
            gateway &&
            calibration.statistics.successes > 0 &&
            gateway.statistics.successes > 0) {
            const comparable = base && base.statistics.successes > 0 ? base : undefined;
            const { estimate, regression: compared } = estimateContrasts(mode, calibration, gateway, comparable);
            overhead.push(estimate);
            checks.push(...overheadChecks(estimate, config));
            if (compared) {
                const source = config.base?.source;
                const named = source?.kind === 'git-ref' ? { ...compared, baseRef: source.ref } : compared;
                regression.push(named);
                checks.push(...regressionChecks(named, config));
            }
        }
        for (const stress of ofMode.filter((phase) => phase.role === 'stress')) {
            checks.push((0,verdict/* makeCheck */.Ht)({
                id: `${stress.id}-success-rate`,
                label: `${stress.label} success rate`,
                category: 'success',
                mode,
                value: (0,verdict/* successPct */.XU)(stress.statistics),
                limit: config.minStressSuccessRatePct,
                unit: '%',
                bound: 'min',
                detail: failureSummary(stress)
            }));
        }
    }
    return { overhead, regression, checks, warnings: [] };
}
const toUs = (intervalsNs) => {
    const intervalUs = {};
    for (const key of types/* LATENCY_STAT_KEYS */.J) {
        intervalUs[key] = { low: intervalsNs[key].low / 1000, high: intervalsNs[key].high / 1000 };
    }
    return intervalUs;
};
/**
 * Gateway − direct per statistic, and with a base build also base − direct and head − base,
 * each with a block-bootstrap interval when samples are kept. Phases of one attack are
 * drawn together (one bootstrap for every contrast), so the intervals are consistent.
 */
function estimateContrasts(mode, calibration, gateway, base) {
    const estimateUs = overheadUs(calibration.statistics.latencyNs, gateway.statistics.latencyNs);
    const common = { mode, confidence: interval/* DEFAULT_CONFIDENCE */.FH };
    const phases = base ? [calibration, gateway, base] : [calibration, gateway];
    let intervals;
    let intervalMethod = 'no interval: the samples were not kept';
    if (phases.every((phase) => phase.samples)) {
        const paired = phases.every((phase) => phase.attackId === calibration.attackId);
        const blockCount = (0,interval/* blockCountFor */.Oc)(Math.max(...phases.map((phase) => phase.durationS)));
        const sets = paired
            ? pairedSets(phases, blockCount)
            : phases.map((phase) => {
                const [startNs, endNs] = sendSpan([phase.samples]);
                return {
                    key: phase.id,
                    attackId: phase.attackId,
                    blocked: (0,interval/* cutIntoBlocks */.bE)(phase.samples, startNs, endNs, blockCount)
                };
            });
        intervals = (0,interval/* bootstrapIntervals */.tA)(sets, [
            { id: 'overhead', plus: gateway.id, minus: calibration.id },
            ...(base
                ? [
                    { id: 'base', plus: base.id, minus: calibration.id },
                    { id: 'regression', plus: gateway.id, minus: base.id }
                ]
                : [])
        ]);
        const pct = Math.round(interval/* DEFAULT_CONFIDENCE */.FH * 100);
        intervalMethod = paired
            ? `${pct}% confidence interval: block bootstrap over ${blockCount} time slices of the interleaved attack, the requests of every target in a slice drawn together, ${interval/* DEFAULT_REPLICATES */.hz} replicates, expanded percentile interval`
            : `${pct}% confidence interval: block bootstrap over ${blockCount} time slices of each attack, drawn independently (sequential measurement), ${interval/* DEFAULT_REPLICATES */.hz} replicates, expanded percentile interval`;
    }
    const intervalOf = (id) => {
        const found = intervals?.get(id);
        return found ? toUs(found) : undefined;
    };
    const overheadInterval = intervalOf('overhead');
    const estimate = {
        ...common,
        calibrationPhaseId: calibration.id,
        overheadPhaseId: gateway.id,
        estimateUs,
        ...(overheadInterval ? { intervalUs: overheadInterval } : {}),
        intervalMethod
    };
    if (!base)
        return { estimate };
    const baseInterval = intervalOf('base');
    const regressionInterval = intervalOf('regression');
    return {
        estimate,
        regression: {
            ...common,
            basePhaseId: base.id,
            headPhaseId: gateway.id,
            baseOverheadUs: overheadUs(calibration.statistics.latencyNs, base.statistics.latencyNs),
            headOverheadUs: estimateUs,
            regressionUs: overheadUs(base.statistics.latencyNs, gateway.statistics.latencyNs),
            ...(baseInterval ? { baseIntervalUs: baseInterval } : {}),
            ...(regressionInterval ? { intervalUs: regressionInterval } : {}),
            intervalMethod
        }
    };
}
/**
 * Head against base: a check fails when the regression's lower confidence bound exceeds its
 * limit (so noise alone cannot fail a PR): max-regression-<stat>-us, or with
 * max-regression-pct that share of the base's overhead when larger. Without an interval the
 * estimate itself is compared.
 */
function regressionChecks(regression, config) {
    const { mode } = regression;
    const suffix = modeSuffix(mode);
    return CHECKED_STATS.flatMap((key) => {
        const limitUs = regressionLimitUs(key, regression, config);
        if (limitUs === undefined)
            return [];
        const interval = regression.intervalUs?.[key];
        const value = interval ? interval.low : regression.regressionUs[key];
        return [
            (0,verdict/* makeCheck */.Ht)({
                id: `regression${suffix}-${key}`,
                label: `${STAT_LABEL[key]} regression, head − base${interval ? `, lower bound of its ${Math.round(regression.confidence * 100)}% confidence interval` : ''}${modeLabel(mode)}`,
                category: 'regression',
                mode,
                value,
                limit: limitUs,
                unit: 'µs',
                bound: 'max',
                detail: regressionSentence(regression, key)
            })
        ];
    });
}
/** The limit for one statistic's regression, µs; undefined when none is set. */
function regressionLimitUs(key, regression, config) {
    const absolute = config.maxRegressionUs[key];
    const relative = config.maxRegressionPct === undefined
        ? undefined
        : (Math.max(regression.baseOverheadUs[key], 0) * config.maxRegressionPct) / 100;
    if (absolute === undefined)
        return relative;
    if (relative === undefined)
        return absolute;
    return Math.max(absolute, relative);
}
/**
 * What a maintainer needs to know of one statistic, in a sentence: "head adds 300.0 µs
 * (250.0 µs … 350.0 µs) at p50", "head saves …", or "no regression beyond ±60.0 µs could be
 * detected at this load (p50)" when the interval holds zero. With a base-ref the sentence
 * names it: "head is 300.0 µs slower than v1.2.0 (…) at p50", "… faster than …", "no
 * regression against v1.2.0 beyond …".
 */
function regressionSentence(regression, key) {
    const estimate = regression.regressionUs[key];
    const interval = regression.intervalUs?.[key];
    const name = key === 'p999' ? 'p99.9' : key;
    const { baseRef } = regression;
    // `us` is what head adds (slower) or saves (faster), signed as the estimate gives it.
    const difference = (slower, us) => baseRef === undefined
        ? `head ${slower ? 'adds' : 'saves'} ${formatUs(us)}`
        : `head is ${formatUs(us)} ${slower ? 'slower' : 'faster'} than ${baseRef}`;
    if (!interval || !Number.isFinite(interval.low)) {
        const slower = estimate >= 0;
        return `${difference(slower, Math.abs(estimate))} at ${name} (no interval: the samples were not kept)`;
    }
    const range = `${formatUs(interval.low)} … ${formatUs(interval.high)}`;
    if (interval.low > 0)
        return `${difference(true, estimate)} (${range}) at ${name}`;
    if (interval.high < 0)
        return `${difference(false, -estimate)} (${range}) at ${name}`;
    const resolution = Math.max(Math.abs(interval.low), Math.abs(interval.high));
    const against = baseRef === undefined ? '' : ` against ${baseRef}`;
    return `no regression${against} beyond ±${formatUs(resolution)} could be detected at this load (${name}: ${formatUs(estimate)}, ${range})`;
}
/** Phases of one attack cut into the same slices, so the bootstrap draws them together. */
function pairedSets(phases, blockCount) {
    const [startNs, endNs] = sendSpan(phases.map((phase) => phase.samples));
    return phases.map((phase) => ({
        key: phase.id,
        attackId: phase.attackId,
        blocked: (0,interval/* cutIntoBlocks */.bE)(phase.samples, startNs, endNs, blockCount)
    }));
}
function sendSpan(samples) {
    let startNs = Infinity;
    let endNs = -Infinity;
    for (const { sendOffsetsNs } of samples) {
        for (const offset of sendOffsetsNs) {
            if (offset < startNs)
                startNs = offset;
            if (offset > endNs)
                endNs = offset;
        }
    }
    return Number.isFinite(startNs) ? [startNs, endNs] : [0, 0];
}
function overheadChecks(estimate, config) {
    const { mode } = estimate;
    const suffix = modeSuffix(mode);
    const checks = CHECKED_STATS.map((key) => {
        const interval = estimate.intervalUs?.[key];
        return (0,verdict/* makeCheck */.Ht)({
            id: `overhead${suffix}-${key}`,
            label: `${STAT_LABEL[key]} overhead${modeLabel(mode)}`,
            category: 'overhead',
            mode,
            value: estimate.estimateUs[key],
            limit: config.maxOverheadUs[key],
            unit: 'µs',
            bound: 'max',
            ...(interval
                ? {
                    detail: `${Math.round(estimate.confidence * 100)}% confidence interval ${formatUs(interval.low)} … ${formatUs(interval.high)}`
                }
                : {})
        });
    });
    if (estimate.intervalUs) {
        const intervals = estimate.intervalUs;
        // The checked statistic whose interval lies furthest below zero decides.
        const worst = CHECKED_STATS.reduce((a, b) => (intervals[b].high < intervals[a].high ? b : a));
        const interval = intervals[worst];
        checks.unshift((0,verdict/* makeCheck */.Ht)({
            id: `overhead${suffix}-reliable`,
            label: `Lowest upper bound of a checked overhead's ${Math.round(estimate.confidence * 100)}% confidence interval (${STAT_LABEL[worst].toLowerCase()})${modeLabel(mode)}`,
            category: 'validity',
            mode,
            value: interval.high,
            limit: 0,
            unit: 'µs',
            bound: 'min',
            detail: `the ${STAT_LABEL[worst].toLowerCase()} overhead of ${formatUs(estimate.estimateUs[worst])} (interval ${formatUs(interval.low)} … ${formatUs(interval.high)}) lies below zero, and a gateway cannot take latency away: direct and gateway requests were not measured alike (cold connections, too short a warm-up, a busy machine), so the overhead figures are unreliable`
        }));
    }
    return checks;
}
/**
 * The load an attack really applied: its achieved rate against the configured one, and
 * whether vegeta ran out of workers. Either shortfall means requests waited inside vegeta,
 * a wait their latencies do not show (coordinated omission). An attack too short to have a
 * rate (fewer than 2 requests) is not judged.
 */
function loadChecks(attack, config) {
    const stats = attack.statistics;
    if (stats.requests < 2 || stats.attackSpanS === 0)
        return [];
    return [
        (0,verdict/* makeCheck */.Ht)({
            id: `${attack.id}-achieved-rate`,
            label: `${attack.label}: achieved rate`,
            category: 'validity',
            mode: attack.mode,
            value: (stats.achievedRate / attack.configuredRate) * 100,
            limit: config.minAchievedRatePct,
            unit: '%',
            bound: 'min',
            detail: `vegeta sent ${stats.achievedRate.toFixed(1)} of the configured ${attack.configuredRate} requests per second; requests it could not send on time waited inside vegeta, and that wait is missing from the latencies (coordinated omission)`
        }),
        (0,verdict/* makeCheck */.Ht)({
            id: `${attack.id}-workers`,
            label: `${attack.label}: requests in flight at the peak`,
            category: 'validity',
            mode: attack.mode,
            value: stats.peakInFlight,
            limit: attack.maxWorkers,
            unit: 'requests',
            bound: 'below',
            detail: `vegeta ran out of workers (max-workers ${attack.maxWorkers}), so further requests waited for one and that wait is missing from the latencies (coordinated omission); raise max-workers or look at why responses slowed down`
        })
    ];
}
/**
 * How late the direct requests came back: calibration's p50 minus the mock provider's
 * configured latency (µs), at most config.maxCalibrationExcessUs. The mock provider answers
 * within a few hundred µs of its latency on an idle machine (README, Benchmarks), so a p50
 * ms late means vegeta, the mock provider or the CPU could not keep up, and the gateway's
 * figures measure the runner's queue rather than its code.
 */
function calibrationExcessCheck(calibration, config) {
    const p50Us = calibration.statistics.latencyNs.p50 / 1000;
    const latencyUs = calibration.mockerLatencyMs * 1000;
    return (0,verdict/* makeCheck */.Ht)({
        id: `calibration${modeSuffix(calibration.mode)}-excess`,
        label: `Calibration p50 beyond the mock provider's latency${modeLabel(calibration.mode)}`,
        category: 'validity',
        mode: calibration.mode,
        value: p50Us - latencyUs,
        limit: config.maxCalibrationExcessUs,
        unit: 'µs',
        bound: 'max',
        detail: `direct requests to the mock provider took ${(p50Us / 1000).toFixed(1)} ms at p50 for its ${calibration.mockerLatencyMs} ms latency, so the runner could not keep up (its CPU saturated by vegeta, the mock provider or the gateway itself) and the latencies through the gateway are the runner's, not the gateway's; lower rate or use a larger runner, and if only this change saturates it, look at the gateway's CPU use`
    });
}
/** The main reasons a phase's requests failed, for a check's detail. */
function failureSummary(phase) {
    const stats = phase.statistics;
    const failed = stats.requests - stats.successes;
    if (failed === 0)
        return 'no request failed';
    const top = stats.topErrors
        .slice(0, 2)
        .map((error) => `${error.count} × ${error.error}`)
        .join('; ');
    return `${failed} of ${stats.requests} requests failed${top ? `: ${top}` : ''}`;
}


/***/ }),

/***/ 561:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FH: () => (/* binding */ DEFAULT_CONFIDENCE),
/* harmony export */   Oc: () => (/* binding */ blockCountFor),
/* harmony export */   bE: () => (/* binding */ cutIntoBlocks),
/* harmony export */   hz: () => (/* binding */ DEFAULT_REPLICATES),
/* harmony export */   tA: () => (/* binding */ bootstrapIntervals)
/* harmony export */ });
/* unused harmony exports DEFAULT_SEED, drawSliceWeights, percentileInterval, expandedTailProbability, studentTQuantileFromNormal, normalCdf, normalQuantile, mulberry32 */
/* harmony import */ var _load_types_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(557);

const DEFAULT_REPLICATES = 1000;
const DEFAULT_CONFIDENCE = 0.95;
/** The bootstrap's seed when none is given: the same data give the same interval. */
const DEFAULT_SEED = 0x5eed;
const MIN_BLOCKS = 10;
const MAX_BLOCKS = 50;
const BLOCKS_PER_SECOND = 2;
/**
 * How many time slices an attack of `durationS` is cut into: two a second, at least 10
 * (fewer make the bootstrap distribution coarse) and at most 50 (more add little).
 */
function blockCountFor(durationS) {
    return Math.min(MAX_BLOCKS, Math.max(MIN_BLOCKS, Math.floor(durationS * BLOCKS_PER_SECOND)));
}
/**
 * Cuts samples into `blockCount` slices of equal length between startNs and endNs (send
 * offsets, as in TargetSamples); a sample outside falls into the nearest end slice.
 */
function cutIntoBlocks(samples, startNs, endNs, blockCount) {
    if (!Number.isInteger(blockCount) || blockCount < 1) {
        throw new RangeError(`blockCount must be a positive integer, got ${blockCount}`);
    }
    const spanNs = Math.max(endNs - startNs, 1);
    const n = samples.latenciesNs.length;
    const blockOf = new Int32Array(n);
    const counts = new Int32Array(blockCount);
    for (let i = 0; i < n; i++) {
        const offset = samples.sendOffsetsNs[i] - startNs;
        const block = Math.min(blockCount - 1, Math.max(0, Math.floor((offset / spanNs) * blockCount)));
        blockOf[i] = block;
        counts[block] = counts[block] + 1;
    }
    const blocks = Array.from({ length: blockCount }, (_, b) => new Float64Array(counts[b]));
    const filled = new Int32Array(blockCount);
    const sums = new Float64Array(blockCount);
    for (let i = 0; i < n; i++) {
        const block = blockOf[i];
        const latency = samples.latenciesNs[i];
        blocks[block][filled[block]] = latency;
        filled[block] = filled[block] + 1;
        sums[block] = sums[block] + latency;
    }
    for (const block of blocks)
        block.sort();
    return { blocks, sums, sorted: samples.latenciesNs.slice().sort() };
}
/** Percentile of each latency statistic key; min and max are the 0th and 100th. */
const PERCENTILE_OF = {
    min: 0,
    mean: undefined,
    p50: 50,
    p90: 90,
    p95: 95,
    p99: 99,
    p999: 99.9,
    max: 100
};
/**
 * Intervals for every latency statistic of every contrast, in the samples' unit (ns).
 * Throws a RangeError when a contrast names an unknown set, or when sets of one attack
 * were cut into different numbers of slices. A statistic that no replicate could compute
 * (no samples) gets NaN bounds.
 */
function bootstrapIntervals(sets, contrasts, options = {}) {
    const replicates = options.replicates ?? DEFAULT_REPLICATES;
    const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
    if (!(confidence > 0 && confidence < 1)) {
        throw new RangeError(`confidence must be within (0, 1), got ${confidence}`);
    }
    const random = mulberry32(options.seed ?? DEFAULT_SEED);
    const setByKey = new Map(sets.map((set) => [set.key, set]));
    for (const contrast of contrasts) {
        for (const key of [contrast.plus, contrast.minus]) {
            if (!setByKey.has(key))
                throw new RangeError(`contrast ${contrast.id}: no sample set ${key}`);
        }
    }
    const blockCountByAttack = new Map();
    for (const set of sets) {
        const known = blockCountByAttack.get(set.attackId);
        if (known !== undefined && known !== set.blocked.blocks.length) {
            throw new RangeError(`attack ${set.attackId}: sample sets cut into different slice counts`);
        }
        blockCountByAttack.set(set.attackId, set.blocked.blocks.length);
    }
    const statKeys = _load_types_js__WEBPACK_IMPORTED_MODULE_0__/* .LATENCY_STAT_KEYS */ .J;
    // replicateValues[contrast][stat][replicate]
    const replicateValues = contrasts.map(() => statKeys.map(() => new Float64Array(replicates).fill(Number.NaN)));
    const multiplicities = new Map();
    for (const [attackId, blockCount] of blockCountByAttack) {
        multiplicities.set(attackId, new Int32Array(blockCount));
    }
    const statsOfSet = new Map();
    for (let replicate = 0; replicate < replicates; replicate++) {
        for (const weights of multiplicities.values())
            drawSliceWeights(random, weights);
        statsOfSet.clear();
        const statsOf = (key) => {
            let stats = statsOfSet.get(key);
            if (stats === undefined) {
                const set = setByKey.get(key);
                stats = resampledStatistics(set.blocked, multiplicities.get(set.attackId));
                statsOfSet.set(key, stats);
            }
            return stats;
        };
        contrasts.forEach((contrast, c) => {
            const plus = statsOf(contrast.plus);
            const minus = statsOf(contrast.minus);
            const byStat = replicateValues[c];
            statKeys.forEach((_, s) => {
                ;
                byStat[s][replicate] = plus[s] - minus[s];
            });
        });
    }
    const fewestSlices = Math.min(...blockCountByAttack.values());
    const lowQuantile = expandedTailProbability(confidence, fewestSlices);
    const result = new Map();
    contrasts.forEach((contrast, c) => {
        const intervals = {};
        statKeys.forEach((key, s) => {
            const values = replicateValues[c][s];
            intervals[key] = percentileInterval(values, lowQuantile);
        });
        result.set(contrast.id, intervals);
    });
    return result;
}
/**
 * One bootstrap draw of time slices: `weights.length` slices drawn with replacement, and
 * weights[b] set to how often slice b was drawn (the weights sum to their count).
 */
function drawSliceWeights(random, weights) {
    weights.fill(0);
    for (let draw = 0; draw < weights.length; draw++) {
        const block = Math.floor(random() * weights.length);
        weights[block] = weights[block] + 1;
    }
}
/**
 * The interval between the `lowQuantile` and 1 − `lowQuantile` nearest-rank quantiles of the
 * bootstrap replicates, NaN replicates (nothing to compute in the draw) left out; NaN bounds
 * when every replicate is NaN. `lowQuantile` comes from expandedTailProbability.
 */
function percentileInterval(replicates, lowQuantile) {
    const finite = replicates.filter((value) => !Number.isNaN(value)).sort();
    if (finite.length === 0)
        return { low: Number.NaN, high: Number.NaN };
    return { low: nearestRank(finite, lowQuantile), high: nearestRank(finite, 1 - lowQuantile) };
}
/** Every statistic (in LATENCY_STAT_KEYS order) of the slices drawn with these weights. */
function resampledStatistics(blocked, weights) {
    const stats = new Float64Array(_load_types_js__WEBPACK_IMPORTED_MODULE_0__/* .LATENCY_STAT_KEYS */ .J.length);
    let count = 0;
    let sum = 0;
    for (let b = 0; b < weights.length; b++) {
        const weight = weights[b];
        if (weight === 0)
            continue;
        count += weight * blocked.blocks[b].length;
        sum += weight * blocked.sums[b];
    }
    _load_types_js__WEBPACK_IMPORTED_MODULE_0__/* .LATENCY_STAT_KEYS */ .J.forEach((key, s) => {
        if (count === 0) {
            stats[s] = Number.NaN;
            return;
        }
        const percentile = PERCENTILE_OF[key];
        stats[s] =
            percentile === undefined
                ? sum / count
                : weightedRankValue(blocked, weights, count, percentile);
    });
    return stats;
}
/**
 * The nearest-rank percentile of the multiset "each slice b taken weights[b] times": the
 * smallest candidate value v (from the sorted union) with at least k values ≤ v, found by
 * binary search over the candidates.
 */
function weightedRankValue(blocked, weights, count, percentile) {
    const rank = (percentile * count) / 100;
    const k = Math.min(count, Math.max(1, Math.ceil(rank - rank * 1e-12)));
    const candidates = blocked.sorted;
    let low = 0;
    let high = candidates.length - 1;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (weightedCountAtMost(blocked, weights, candidates[middle]) >= k)
            high = middle;
        else
            low = middle + 1;
    }
    return candidates[low];
}
function weightedCountAtMost(blocked, weights, value) {
    let total = 0;
    for (let b = 0; b < weights.length; b++) {
        const weight = weights[b];
        if (weight === 0)
            continue;
        total += weight * countAtMost(blocked.blocks[b], value);
    }
    return total;
}
/** How many of the ascending values are ≤ value. */
function countAtMost(sorted, value) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (sorted[middle] <= value)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}
/** The nearest-rank q-quantile (0..1) of ascending values. */
function nearestRank(sorted, q) {
    const rank = q * sorted.length;
    const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(rank - rank * 1e-12) - 1));
    return sorted[index];
}
/**
 * The tail probability of Hesterberg's expanded percentile interval for `sampleCount`
 * independent units (here, time slices): Φ(−√(n/(n−1))·t(n−1, (1 + confidence)/2)).
 * It widens the plain percentile interval for small n, where the bootstrap distribution is
 * too narrow; for large n it tends to (1 − confidence)/2. Throws a RangeError for n < 2.
 */
function expandedTailProbability(confidence, sampleCount) {
    if (!(sampleCount >= 2))
        throw new RangeError(`need at least 2 samples, got ${sampleCount}`);
    const z = normalQuantile((1 + confidence) / 2);
    const t = studentTQuantileFromNormal(z, sampleCount - 1);
    return normalCdf(-Math.sqrt(sampleCount / (sampleCount - 1)) * t);
}
/**
 * The Student t quantile with `degrees` degrees of freedom at the probability whose normal
 * quantile is z, by the Cornish–Fisher expansion of Abramowitz & Stegun 26.7.5 (error below
 * 1e-4 for 9 or more degrees of freedom at z ≈ 2).
 */
function studentTQuantileFromNormal(z, degrees) {
    const z2 = z * z;
    const g1 = (z * (z2 + 1)) / 4;
    const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
    const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
    const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
    const v = degrees;
    return z + g1 / v + g2 / v ** 2 + g3 / v ** 3 + g4 / v ** 4;
}
/**
 * The standard normal CDF Φ(x), by Abramowitz & Stegun 7.1.26 for erf (absolute error
 * below 1.5e-7).
 */
function normalCdf(x) {
    const u = Math.abs(x) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * u);
    const poly = t *
        (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    const erf = 1 - poly * Math.exp(-u * u);
    return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
/** Φ⁻¹(p) for 0 < p < 1, by bisection on normalCdf (as exact as normalCdf). */
function normalQuantile(p) {
    if (!(p > 0 && p < 1))
        throw new RangeError(`p must be within (0, 1), got ${p}`);
    let low = -10;
    let high = 10;
    for (let i = 0; i < 80; i++) {
        const middle = (low + high) / 2;
        if (normalCdf(middle) < p)
            low = middle;
        else
            high = middle;
    }
    return (low + high) / 2;
}
/** A small, fast, seedable PRNG (Tommy Ettinger's Mulberry32): uniform in [0, 1). */
function mulberry32(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}


/***/ }),

/***/ 319:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AU: () => (/* binding */ decideVerdict),
/* harmony export */   Fl: () => (/* binding */ formatValue),
/* harmony export */   Ht: () => (/* binding */ makeCheck),
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   XU: () => (/* binding */ successPct)
/* harmony export */ });
/** A check of `value` against `limit`; see Check.bound. */
function makeCheck(fields) {
    const { value, limit, bound } = fields;
    const passed = bound === 'max' ? value <= limit : bound === 'min' ? value >= limit : value < limit;
    const check = { ...fields, passed };
    if (passed)
        delete check.detail;
    return check;
}
/**
 * The success rate of a phase in percent. successes × 100 / requests is the nearest double
 * to the true percentage, so a run exactly at the minimum passes (successRatio × 100 can
 * land just below it: 57 / 100 × 100 ≠ 57). 0 without requests.
 */
function successPct(phase) {
    return phase.requests > 0 ? (phase.successes * 100) / phase.requests : 0;
}
/** The verdict: passed when every check passed; validity failures listed first. */
function decideVerdict(checks, warnings) {
    const failed = checks.filter((check) => !check.passed);
    const failures = [
        ...failed.filter((check) => check.category === 'validity'),
        ...failed.filter((check) => check.category !== 'validity')
    ];
    return { passed: failures.length === 0, checks, failures, warnings };
}
/** One line per failed check: what, its value, its limit, and why it matters. */
function describeFailure(check) {
    const relation = check.bound === 'max'
        ? 'above the limit of'
        : check.bound === 'min'
            ? 'below the minimum of'
            : 'reaching the cap of';
    const line = `${check.label} is ${formatValue(check.value, check.unit)}, ${relation} ${formatValue(check.limit, check.unit)}`;
    return check.detail ? `${line}: ${check.detail}` : line;
}
function formatValue(value, unit) {
    if (unit === '%')
        return `${value.toFixed(2)}%`;
    if (unit === 'requests')
        return `${Math.round(value)}`;
    return `${value.toFixed(1)} µs`;
}


/***/ }),

/***/ 581:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ exitStatus),
/* harmony export */   BK: () => (/* binding */ helpText),
/* harmony export */   K5: () => (/* binding */ EXIT_PASSED),
/* harmony export */   Tl: () => (/* binding */ packageVersion),
/* harmony export */   XS: () => (/* binding */ CLI_FLAG_NAMES),
/* harmony export */   Zy: () => (/* binding */ parseArgs),
/* harmony export */   hj: () => (/* binding */ EXIT_FAILED),
/* harmony export */   iW: () => (/* binding */ main),
/* harmony export */   wd: () => (/* binding */ EXIT_BAD_INPUT_OR_SETUP)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(916);
/* harmony import */ var _config_options_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(856);
/* harmony import */ var _config_file_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(974);
/* harmony import */ var _configure_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(883);
/* harmony import */ var _package_root_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(956);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(728);
/* harmony import */ var _engine_run_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(338);
/* harmony import */ var _services_interrupt_js__WEBPACK_IMPORTED_MODULE_11__ = __nccwpck_require__(103);
/* harmony import */ var _tools_temporary_paths_js__WEBPACK_IMPORTED_MODULE_12__ = __nccwpck_require__(373);
/* harmony import */ var _report_console_js__WEBPACK_IMPORTED_MODULE_13__ = __nccwpck_require__(475);
/* harmony import */ var _report_job_summary_js__WEBPACK_IMPORTED_MODULE_14__ = __nccwpck_require__(236);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_15__ = __nccwpck_require__(285);
/* harmony import */ var _report_redact_js__WEBPACK_IMPORTED_MODULE_16__ = __nccwpck_require__(30);

















const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_BAD_INPUT_OR_SETUP = 2;
/** Flags of the CLI itself; every other flag is an option of the table (src/config/options.ts). */
const CLI_FLAGS = {
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean', short: 'v' }
};
const CLI_FLAG_NAMES = Object.keys(CLI_FLAGS);
const FLAG_CONFIG = {
    ...CLI_FLAGS,
    ...Object.fromEntries(_config_options_js__WEBPACK_IMPORTED_MODULE_5__/* .OPTIONS */ .lw.map((option) => [option.name, { type: 'string' }]))
};
/**
 * `--name value` or `--name=value` for every option of the table, plus --config FILE,
 * --help (-h), --version, --json, --quiet (-q) and --verbose (-v), read by node:util's
 * parseArgs in strict mode. A later flag wins over an earlier one. Throws
 * LoadTestError('input') naming the flag: an unknown one with the nearest known name, a
 * missing value, a value starting with a dash given as a separate word (ambiguous: it must
 * be written --name=-value), a positional argument.
 */
function parseArgs(args) {
    let values;
    try {
        values = (0,node_util__WEBPACK_IMPORTED_MODULE_3__.parseArgs)({ args, options: FLAG_CONFIG, strict: true, allowPositionals: false })
            .values;
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LoadTestError */ .v('input', argumentErrorMessage(error, args), { cause: error });
    }
    const options = {};
    for (const name of _config_options_js__WEBPACK_IMPORTED_MODULE_5__/* .OPTION_NAMES */ .TM) {
        const value = values[name];
        if (typeof value === 'string')
            options[name] = value;
    }
    return {
        help: values.help === true,
        version: values.version === true,
        json: values.json === true,
        quiet: values.quiet === true,
        verbose: values.verbose === true,
        ...(typeof values.config === 'string' ? { configFile: values.config } : {}),
        options
    };
}
/** parseArgs's errors (node:util, codes ERR_PARSE_ARGS_*) in this tool's words. */
function argumentErrorMessage(error, args) {
    const code = error.code;
    const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(error);
    const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        if (quoted.startsWith('--'))
            return (0,_config_file_js__WEBPACK_IMPORTED_MODULE_6__/* .unknownOptionMessage */ .N)(quoted.slice(2), '--');
        return `unknown option ${JSON.stringify(quoted)}. Known options are listed by --help.`;
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
        return `unexpected argument ${JSON.stringify(quoted)}; options start with --. See --help.`;
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
        const flag = quoted.split(' ')[0] ?? quoted;
        if (/argument missing/.test(message))
            return `${flag} needs a value. See --help.`;
        if (/does not take an argument/.test(message))
            return `${flag} takes no value. See --help.`;
        if (/ambiguous/.test(message)) {
            const index = args.lastIndexOf(flag);
            const value = index === -1 ? undefined : args[index + 1];
            return value === undefined
                ? `${flag} needs a value. See --help.`
                : `${flag}: the next word, ${JSON.stringify(value)}, starts with a dash; write ${flag}=${value} if it is the value, or give ${flag} a value. See --help.`;
        }
    }
    return `${message}. See --help.`;
}
function helpText() {
    const lines = [
        'Usage: bifrost-load-test [--config FILE] [--OPTION VALUE ...]',
        '',
        'Measures the latency a gateway adds on top of its provider: calibration (vegeta → mock',
        'provider), overhead (vegeta → gateway → mock provider) at the same rate, then stress runs.',
        'Options come from the defaults, then the JSON config FILE, then the flags.',
        'Progress and the summary go to standard output; errors and notices to standard error.',
        'Exit status: 0 passed; 1 a check failed, or a service died mid-run; 2 bad input or setup',
        'failure; 130 (SIGINT) or 143 (SIGTERM) interrupted, after writing what completed.',
        '--fail-on never turns only failed checks into 0. Linux only.',
        '',
        'Flags:',
        '  --config FILE'.padEnd(40) + 'JSON object of option names to values',
        '  --json'.padEnd(40) +
            'Print the results JSON on standard output, and nothing else there (progress and summary go to standard error)',
        '  -q, --quiet'.padEnd(40) + 'Only errors and the final verdict line, on standard error',
        '  -v, --verbose'.padEnd(40) + 'Also the resolved config, the tools, every process and its log',
        '  --version'.padEnd(40) + 'Print the version and exit',
        '  -h, --help'.padEnd(40) + 'Print this help and exit',
        '',
        'Options:'
    ];
    for (const option of _config_options_js__WEBPACK_IMPORTED_MODULE_5__/* .OPTIONS */ .lw) {
        const flag = `  --${option.name} ${option.valueHint}`;
        const defaultText = 'defaultValue' in option && option.defaultValue !== ''
            ? ` (default: ${option.defaultValue})`
            : '';
        lines.push(`${flag.padEnd(40)}${option.description}${defaultText}`);
    }
    return lines.join('\n');
}
/** This package's version, from its package.json. */
function packageVersion() {
    const manifest = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join((0,_package_root_js__WEBPACK_IMPORTED_MODULE_8__/* .packageRoot */ .Z)(), 'package.json'), 'utf8'));
    return manifest.version;
}
/**
 * The exit status of a run. Interrupted (`interruptedBy`, the signal that aborted it):
 * signalExitStatus, 130 for SIGINT and 143 for SIGTERM, whatever the run found. Else
 * EXIT_BAD_INPUT_OR_SETUP when it could not start measuring (an input refused once the run
 * began, such as a busy port, or a setup failure), EXIT_FAILED when a service died mid-run,
 * EXIT_PASSED when every check passed. A failed check is EXIT_FAILED, or EXIT_PASSED with
 * fail-on never (report only), which changes nothing else.
 */
function exitStatus(record, interruptedBy) {
    if (interruptedBy !== undefined)
        return (0,_services_interrupt_js__WEBPACK_IMPORTED_MODULE_11__/* .signalExitStatus */ .vs)(interruptedBy);
    if (record.failure) {
        return record.failure.kind === 'run' ? EXIT_FAILED : EXIT_BAD_INPUT_OR_SETUP;
    }
    if (record.status === 'passed' || record.config.failOn === 'never')
        return EXIT_PASSED;
    return EXIT_FAILED;
}
/**
 * The signal an interrupt handler aborted `abortSignal` with (see handleInterrupts), if any;
 * an abort for another reason counts as SIGINT, a user's stop.
 */
function interruptingSignal(abortSignal) {
    if (!abortSignal?.aborted)
        return undefined;
    const reason = abortSignal.reason;
    return reason === 'SIGINT' || reason === 'SIGTERM' ? reason : 'SIGINT';
}
const PROCESS_OUTPUT = {
    stdout: (text) => console.log(text),
    stderr: (text) => console.error(text)
};
/**
 * The CLI: parses `args`, runs the load test and returns the exit status (EXIT_*). Progress
 * and the summary go to standard output, or to standard error with --json (standard output
 * then holds only the results file's content); --quiet leaves only errors and the final
 * verdict line, on standard error. Refuses to run anywhere but Linux (`platform`).
 */
async function main(args, output = PROCESS_OUTPUT, abortSignal, platform = process.platform) {
    try {
        const parsed = parseArgs(args);
        if (parsed.help) {
            output.stdout(helpText());
            return EXIT_PASSED;
        }
        if (parsed.version) {
            output.stdout(`bifrost-load-test ${packageVersion()}`);
            return EXIT_PASSED;
        }
        if (parsed.quiet && parsed.verbose) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LoadTestError */ .v('input', '--quiet and --verbose: give one or the other.');
        }
        (0,_platform_js__WEBPACK_IMPORTED_MODULE_9__/* .assertLinux */ .b)(platform);
        const fileOptions = parsed.configFile ? (0,_config_file_js__WEBPACK_IMPORTED_MODULE_6__/* .loadConfigFile */ .H)(parsed.configFile) : {};
        const config = (0,_configure_js__WEBPACK_IMPORTED_MODULE_7__/* .resolveConfig */ .p)([fileOptions, parsed.options], {
            cwd: process.cwd(),
            packageRoot: (0,_package_root_js__WEBPACK_IMPORTED_MODULE_8__/* .packageRoot */ .Z)(),
            defaultToolsDir: (0,_package_root_js__WEBPACK_IMPORTED_MODULE_8__/* .defaultToolsDir */ .y)()
        });
        const human = parsed.quiet ? () => undefined : parsed.json ? output.stderr : output.stdout;
        const detail = parsed.verbose ? (line) => human(`  · ${line}`) : () => undefined;
        human(`bifrost-load-test: ${config.rate} RPS, results in ${config.resultsDir}`);
        detail(`resolved config: ${JSON.stringify((0,_report_redact_js__WEBPACK_IMPORTED_MODULE_16__/* .publicConfig */ .qF)(config))}`);
        const record = await (0,_engine_run_js__WEBPACK_IMPORTED_MODULE_10__/* .runLoadTest */ .O)(config, { onEvent: (0,_report_console_js__WEBPACK_IMPORTED_MODULE_13__/* .consoleProgress */ .p)(human), abortSignal });
        for (const [tool, found] of Object.entries(record.tools)) {
            detail(`${tool}: ${JSON.stringify(found)}`);
        }
        for (const started of record.processes) {
            detail(`${started.name} (pid ${started.pid}) ${started.ended}; log: ${started.logFile}`);
        }
        human((0,_report_console_js__WEBPACK_IMPORTED_MODULE_13__/* .renderConsoleSummary */ .c)(record));
        const interruptedBy = interruptingSignal(abortSignal);
        const status = exitStatus(record, interruptedBy);
        const reportOnly = record.status === 'failed' && record.config.failOn === 'never';
        if (reportOnly)
            human('fail-on never: reported only, the exit status is 0.');
        if (interruptedBy !== undefined) {
            human(`Interrupted by ${interruptedBy}: the exit status is ${status}.`);
        }
        if (parsed.quiet) {
            output.stderr(`Gateway load test: ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_15__/* .statusHeadline */ .ZB)(record.status)} — ${(0,_report_job_summary_js__WEBPACK_IMPORTED_MODULE_14__/* .verdictSentence */ .B)(record)}${reportOnly ? ' (fail-on never: exit status 0)' : ''}`);
        }
        if (parsed.json)
            output.stdout((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(record.files.json, 'utf8').trimEnd());
        return status;
    }
    catch (error) {
        output.stderr(`error: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(error)}`);
        return error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LoadTestError */ .v && error.kind === 'run'
            ? EXIT_FAILED
            : EXIT_BAD_INPUT_OR_SETUP;
    }
}
function isEntryPoint() {
    const entry = process.argv[1];
    if (entry === undefined)
        return false;
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(entry) === (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url));
    }
    catch {
        return false;
    }
}
if (isEntryPoint()) {
    // The first Ctrl-C (or SIGTERM) stops the run cleanly and keeps what completed; a second one,
    // or a run that has not stopped within the grace period, kills what we started, removes the
    // files it created and leaves.
    const interrupts = (0,_services_interrupt_js__WEBPACK_IMPORTED_MODULE_11__/* .handleInterrupts */ .Bx)({
        log: (line) => console.error(`\n${line}`),
        cleanUpNow: _tools_temporary_paths_js__WEBPACK_IMPORTED_MODULE_12__/* .removeTrackedPathsNow */ .jl
    });
    process.exitCode = await main(process.argv.slice(2), PROCESS_OUTPUT, interrupts.signal);
    interrupts.dispose();
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 126:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   mD: () => (/* binding */ BIFROST_MAX_CONNS_PER_HOST),
/* harmony export */   u: () => (/* binding */ loadBifrostConfig),
/* harmony export */   vg: () => (/* binding */ BIFROST_DEFAULT_CONNS_PER_HOST)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(916);


/**
 * bifrost's limits on a provider's connections (network_config.max_conns_per_host): the
 * default, and the most it accepts. A request beyond the limit waits for a free
 * connection; in a load test that wait would be counted as the gateway's overhead.
 */
const BIFROST_DEFAULT_CONNS_PER_HOST = 5000;
const BIFROST_MAX_CONNS_PER_HOST = 10_000;
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/**
 * Reads a user's bifrost config.json for bifrost-config: it must be a JSON object with a
 * `providers.openai` object (the provider the load goes through). Returns the document or
 * the problem, worded for "bifrost-config: got <path>, <problem>".
 */
function loadBifrostConfig(filePath) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(filePath, 'utf8');
    }
    catch (error) {
        return { ok: false, problem: `which cannot be read (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)})` };
    }
    let document;
    try {
        document = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, problem: `which is not valid JSON (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)})` };
    }
    if (!isObject(document)) {
        return { ok: false, problem: 'which is not a JSON object; expected a bifrost config.json' };
    }
    const providers = document.providers;
    if (!isObject(providers) || !isObject(providers.openai)) {
        return {
            ok: false,
            problem: 'which has no providers.openai object; expected a bifrost config.json with an openai provider (its base URL and keys are pointed at the mock provider)'
        };
    }
    return { ok: true, document };
}


/***/ }),

/***/ 974:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ loadConfigFile),
/* harmony export */   N: () => (/* binding */ unknownOptionMessage)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(916);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(856);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(66);




/** A config file may name its JSON Schema (schemas/config.schema.json) for editors. */
const SCHEMA_KEY = '$schema';
/**
 * Reads a JSON config file whose keys are the option names, and `$schema` (a string, for
 * editors; ignored). Numbers and booleans are taken as their text; gateway-command may be
 * an array and gateway-headers an object. Throws LoadTestError('input') naming the file for
 * one that is not a readable regular file, does not parse, or holds unknown keys.
 */
function loadConfigFile(filePath) {
    // A FIFO or a device would block or never end: only a regular, readable file is read.
    const unreadable = (0,_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .readableFileProblem */ .AY)('config', filePath);
    if (unreadable !== undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LoadTestError */ .v('input', unreadable);
    let parsed;
    try {
        parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(filePath, 'utf8'));
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LoadTestError */ .v('input', `config file ${filePath}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LoadTestError */ .v('input', `config file ${filePath}: expected a JSON object of option names to values.`);
    }
    const options = {};
    const problems = [];
    for (const [key, value] of Object.entries(parsed)) {
        if (key === SCHEMA_KEY) {
            if (typeof value !== 'string') {
                problems.push(`${key}: got ${JSON.stringify(value)}; expected the URL or path of a schema.`);
            }
            continue;
        }
        if (!(0,_options_js__WEBPACK_IMPORTED_MODULE_2__/* .isOptionName */ .RR)(key)) {
            problems.push(unknownOptionMessage(key));
            continue;
        }
        if (typeof value === 'string')
            options[key] = value;
        else if (typeof value === 'number' || typeof value === 'boolean')
            options[key] = String(value);
        else if (value !== null && typeof value === 'object')
            options[key] = JSON.stringify(value);
        else
            problems.push(`${key}: got ${JSON.stringify(value)}; expected a string or a number.`);
    }
    if (problems.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LoadTestError */ .v('input', `config file ${filePath}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    return options;
}
/** "unknown option X" with the nearest known name, if one is close. */
function unknownOptionMessage(name, prefix = '') {
    const nearest = _options_js__WEBPACK_IMPORTED_MODULE_2__/* .OPTION_NAMES */ .TM.map((known) => ({
        known,
        distance: editDistance(name, known)
    })).sort((a, b) => a.distance - b.distance)[0];
    const hint = nearest && nearest.distance <= Math.max(2, Math.floor(name.length / 4))
        ? ` Did you mean ${prefix}${nearest.known}?`
        : '';
    return `unknown option ${JSON.stringify(prefix + name)}.${hint} Known options are listed by --help.`;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}


/***/ }),

/***/ 856:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   RR: () => (/* binding */ isOptionName),
/* harmony export */   TM: () => (/* binding */ OPTION_NAMES),
/* harmony export */   jn: () => (/* binding */ valueKindOf),
/* harmony export */   lw: () => (/* binding */ OPTIONS)
/* harmony export */ });
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(750);

const MAX_DURATION_S = 24 * 3600;
const MAX_LATENCY_MS = 600_000;
const PORT = (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, 65_535);
/** Limits in µs: up to a minute. */
const THRESHOLD_US = (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .decimal */ ._)(0, 60_000_000);
/** A refused max-workers is reported once: its stand-in must not trip the workers check. */
const WORKERS = {
    ...(0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(1, 1_000_000),
    standIn: Number.POSITIVE_INFINITY
};
const BIFROST_MODULES = (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .choice */ .Yq)(['local', 'published'], "local (the checkout's own modules, in a Go workspace) or published (the versions transports/go.mod pins)");
const OPTIONS = [
    {
        name: 'rate',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(1, 100_000),
        valueHint: 'RPS',
        defaultValue: '1000',
        description: 'Requests per second to each target in every phase: an interleaved attack sends this rate to the mock provider, to the gateway and to any base, each.'
    },
    {
        name: 'overhead-duration',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, MAX_DURATION_S),
        valueHint: 'DURATION',
        defaultValue: '30s',
        description: 'Length of the calibration and of the overhead phase (e.g. 30s, 2m, 1m30s).'
    },
    {
        name: 'stress-duration',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, MAX_DURATION_S),
        valueHint: 'DURATION',
        defaultValue: '30s',
        description: 'Length of each stress run.'
    },
    {
        name: 'overhead-mocker-latency-ms',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, MAX_LATENCY_MS),
        valueHint: 'MS',
        defaultValue: '1000',
        description: 'Latency the mock provider adds to each request during calibration and overhead.'
    },
    {
        name: 'stress-mocker-latency-ms',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(0, MAX_LATENCY_MS),
        valueHint: 'MS',
        defaultValue: '1000',
        description: 'Latency the mock provider adds to each request during the stress runs.'
    },
    {
        name: 'stress-runs',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(1, 20),
        valueHint: 'N',
        defaultValue: '2',
        description: 'Number of stress runs after the restart, separated by an idle period.'
    },
    {
        name: 'stress-idle',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(0, MAX_DURATION_S),
        valueHint: 'DURATION',
        defaultValue: '30s',
        description: 'Idle time between stress runs (catches connections that go stale while idle).'
    },
    {
        name: 'max-workers',
        value: WORKERS,
        valueHint: 'N',
        defaultValue: '12000',
        description: 'Upper bound on vegeta workers; must cover rate × mocker latency, or waiting vanishes from the latencies.'
    },
    {
        name: 'mode',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .modes */ .nI,
        valueHint: 'MODE',
        defaultValue: 'non-streaming',
        description: 'Which requests to measure: non-streaming, streaming ("stream": true, server-sent events) or both; each mode gets its own calibration, overhead and stress runs.'
    },
    {
        name: 'measurement',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .choice */ .Yq)(['interleaved', 'sequential']),
        valueHint: 'METHOD',
        defaultValue: 'interleaved',
        description: "interleaved: calibration and overhead in one vegeta attack whose requests alternate between the mock provider and the gateway, each at rate, so machine noise hits both alike; sequential: the seed's two attacks one after the other."
    },
    {
        name: 'warmup-duration',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(0, MAX_DURATION_S),
        valueHint: 'DURATION',
        defaultValue: '3s',
        description: 'Warm-up at the same rate against every target before each overhead measurement; recorded in the results, left out of the statistics. 0s for none.'
    },
    {
        name: 'min-achieved-rate-pct',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .decimal */ ._)(0, 100),
        valueHint: 'PERCENT',
        defaultValue: '99',
        description: 'Smallest achieved rate of a measured phase, in percent of the configured rate; below it (or when vegeta reaches max-workers) the latencies miss the waiting (coordinated omission) and the check fails.'
    },
    {
        name: 'max-calibration-excess-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '10000',
        description: "Largest allowed p50 of the direct (calibration) requests beyond the mock provider's configured latency, in microseconds; above it the runner could not keep up (its CPU saturated by vegeta, the mock provider or the gateway itself), so the run is invalid rather than the gateway slow."
    },
    {
        name: 'max-body-bytes',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .integer */ .nd)(1024, 64 * 1024 * 1024),
        valueHint: 'BYTES',
        defaultValue: '65536',
        description: 'Response bytes vegeta keeps per request so that each response can be checked to be a chat completion; a longer body counts as invalid (raise this).'
    },
    {
        name: 'max-overhead-mean-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '5000',
        description: 'Largest allowed mean overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p50-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '5000',
        description: 'Largest allowed p50 overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p90-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '10000',
        description: 'Largest allowed p90 overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p95-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '20000',
        description: 'Largest allowed p95 overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p99-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '100000',
        description: 'Largest allowed p99 overhead, in microseconds.'
    },
    {
        name: 'max-regression-mean-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '100',
        description: "With a base to compare against: largest allowed mean regression (head − base), in microseconds; the check fails only when the regression's lower 95% confidence bound exceeds it, so noise alone cannot fail a pull request."
    },
    {
        name: 'max-regression-p50-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '100',
        description: 'Largest allowed p50 regression (head − base), in microseconds, as above.'
    },
    {
        name: 'max-regression-p90-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '250',
        description: 'Largest allowed p90 regression (head − base), in microseconds, as above.'
    },
    {
        name: 'max-regression-p95-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '500',
        description: 'Largest allowed p95 regression (head − base), in microseconds, as above.'
    },
    {
        name: 'max-regression-p99-us',
        value: THRESHOLD_US,
        valueHint: 'US',
        defaultValue: '1000',
        description: 'Largest allowed p99 regression (head − base), in microseconds, as above.'
    },
    {
        name: 'max-regression-pct',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .decimal */ ._)(0, 10_000),
        valueHint: 'PERCENT',
        description: "Also allow a regression up to this share of the base's own overhead, per statistic, when that is more than the microsecond limit; unset for microsecond limits only."
    },
    {
        name: 'fail-on',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .choice */ .Yq)(['checks', 'never']),
        valueHint: 'WHEN',
        defaultValue: 'checks',
        description: 'checks: a failed check fails the step (the CLI exits 1); never: failed checks are reported only, the step passes (the CLI exits 0) and the outputs and summary carry the verdict (a nightly, a fork pull request). Bad inputs, setup failures, a service that dies mid-run and interruptions fail the step whatever this says.'
    },
    {
        name: 'baseline-results',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'PATH',
        description: "An earlier run's load-test-results.json (e.g. last night's on the default branch) whose overhead is shown beside this run's, per statistic, with the difference: informative only (another runner, another day), it fails nothing. In the action, on a pull request with cache on and this left empty, the newest baseline a save-baseline run stored for the base branch is used."
    },
    {
        name: 'min-stress-success-rate',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .decimal */ ._)(0, 100),
        valueHint: 'PERCENT',
        defaultValue: '100',
        description: 'Smallest allowed success rate, in percent (0–100), of each stress run and of the overhead phase (failed requests are not overhead); a warm-up below it stops the run at once, as a failure of the gateway (or of the mock provider).'
    },
    {
        name: 'ready-timeout',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(1, 3600),
        valueHint: 'DURATION',
        defaultValue: '60s',
        description: 'How long the mocker and the gateway may take to become ready.'
    },
    {
        name: 'vegeta-version',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .version */ .rE,
        valueHint: 'X.Y.Z',
        defaultValue: '12.13.0',
        description: 'vegeta version to use or install.'
    },
    {
        name: 'vegeta-path',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'PATH',
        description: 'A vegeta binary to use instead of looking on PATH or installing one.'
    },
    {
        name: 'bifrost-path',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'DIR',
        defaultValue: '.',
        description: 'A bifrost checkout; its bifrost-http main package (transports/bifrost-http/) is built without writing into the checkout. Used unless gateway-binary or gateway-command is set.'
    },
    {
        name: 'bifrost-modules',
        value: BIFROST_MODULES,
        valueHint: 'local|published',
        defaultValue: 'local',
        description: "Which bifrost modules the checkout's gateway is built with: local builds in a Go workspace of the checkout's own core, framework, plugins and transports (the code under test); published builds with GOWORK=off against the versions transports/go.mod pins."
    },
    {
        name: 'bifrost-config',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'PATH',
        description: "Your bifrost config.json (plugins, governance, logging: what you ship) to run the gateway with; its providers.openai base URL and every key value are replaced to point at the mock provider, the rest is kept. Default: a minimal config of the tool's own."
    },
    {
        name: 'gateway-binary',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'PATH',
        description: "A prebuilt gateway binary taking bifrost-http's flags (-app-dir, -port, -host)."
    },
    {
        name: 'gateway-command',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5,
        valueHint: 'COMMAND',
        description: 'Any OpenAI-compatible gateway: a command (split like a shell would, never run by one, or a JSON array) with placeholders {host}, {port}, {upstream} (the mocker base URL) and {app_dir}.'
    },
    {
        name: 'base-bifrost-path',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'DIR',
        description: "A second bifrost checkout to compare against (e.g. the pull request's base checked out into base/): built like bifrost-path, run beside it, and measured in the same attack, so the regression head − base is measured in one job."
    },
    {
        name: 'base-ref',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .gitRef */ .GY,
        valueHint: 'REF',
        description: "A branch, tag or commit of bifrost-path's git repository to compare against (e.g. ${{ github.base_ref }}): checked out into a temporary git worktree outside the workspace (fetched from origin when missing), built, and removed afterwards."
    },
    {
        name: 'base-gateway-binary',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'PATH',
        description: "A prebuilt base gateway (bifrost-http's flags) to compare against."
    },
    {
        name: 'base-gateway-command',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5,
        valueHint: 'COMMAND',
        description: 'A base gateway to compare against, started from a command with the placeholders of gateway-command ({port} required).'
    },
    {
        name: 'gateway-port',
        value: PORT,
        valueHint: 'PORT',
        defaultValue: '0',
        description: 'Port for the gateway on 127.0.0.1; 0 picks a free one.'
    },
    {
        name: 'gateway-health-path',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .urlPath */ .Lx)(true),
        valueHint: 'PATH',
        defaultValue: '/health',
        description: 'Path polled until it answers 2xx to tell that the gateway is ready. Not polled when gateway-ready-log is set: leave it at /health or empty then.'
    },
    {
        name: 'gateway-ready-log',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .regex */ .yG,
        valueHint: 'REGEX',
        description: 'A regular expression; when set, the gateway is ready once a line of its log matches, and gateway-health-path is not polled (for a gateway without a health route).'
    },
    {
        name: 'gateway-request-path',
        value: (0,_values_js__WEBPACK_IMPORTED_MODULE_0__/* .urlPath */ .Lx)(false),
        valueHint: 'PATH',
        defaultValue: '/v1/chat/completions',
        description: 'Path of the chat completions endpoint on the gateway.'
    },
    {
        name: 'gateway-model',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'MODEL',
        defaultValue: 'openai/gpt-4o-mini',
        description: 'Model name sent through the gateway.'
    },
    {
        name: 'gateway-headers',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .headers */ .b3,
        valueHint: 'HEADERS',
        defaultValue: '',
        description: 'Extra headers sent to the gateway: "Name: value" lines, or a JSON object of names to values.'
    },
    {
        name: 'mocker-path',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'DIR',
        description: "A Go mock provider to build; default: this tool's own mocker/."
    },
    {
        name: 'mocker-binary',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'PATH',
        description: 'A prebuilt mock provider taking -host, -port and -latency.'
    },
    {
        name: 'mocker-repository',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'URL',
        description: 'A git repository holding the mock provider, e.g. https://github.com/maximhq/bifrost-benchmarking.'
    },
    {
        name: 'mocker-ref',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .cloneRef */ .JT,
        valueHint: 'REF',
        defaultValue: 'main',
        description: 'Branch, tag or commit of mocker-repository.'
    },
    {
        name: 'mocker-subdirectory',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .relativePath */ .iZ,
        valueHint: 'DIR',
        defaultValue: 'mocker',
        description: 'Directory of the mock provider inside mocker-repository.'
    },
    {
        name: 'mocker-port',
        value: PORT,
        valueHint: 'PORT',
        defaultValue: '0',
        description: 'Port for the mock provider on 127.0.0.1; 0 picks a free one.'
    },
    {
        name: 'mocker-model',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'MODEL',
        defaultValue: 'gpt-4o-mini',
        description: 'Model name sent straight to the mock provider during calibration.'
    },
    {
        name: 'results-dir',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'DIR',
        defaultValue: 'load-test-results',
        description: 'Where results, logs and process stats are written; a relative path is taken from the workspace (the current directory for the CLI). In a workflow, a directory under runner.temp keeps the checkout clean.'
    },
    {
        name: 'tools-dir',
        value: _values_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq,
        valueHint: 'DIR',
        description: 'Where vegeta and built binaries are kept between runs; default ~/.cache/bifrost-load-test, or the runner tool cache in the action.'
    }
];
const OPTION_BY_NAME = new Map(OPTIONS.map((option) => [option.name, option]));
/** The value kind of option `name`: its parser, stand-in and JSON Schema. */
function valueKindOf(name) {
    return OPTION_BY_NAME.get(name).value;
}
const OPTION_NAMES = OPTIONS.map((option) => option.name);
function isOptionName(name) {
    return OPTION_NAMES.includes(name);
}


/***/ }),

/***/ 66:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AY: () => (/* binding */ readableFileProblem),
/* harmony export */   GR: () => (/* binding */ outputDirectoryProblem),
/* harmony export */   xH: () => (/* binding */ readableDirectoryProblem),
/* harmony export */   yX: () => (/* binding */ executableFileProblem)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Checks that a path input allows the access the run will need, before anything starts. Each
 * function returns a problem sentence in resolveConfig's style ("NAME: got "…", which …;
 * expected …."), or undefined when the path is fine. Nothing is created or changed, and no call
 * here can loop (see ensure-directory.ts for why Node's recursive mkdir can).
 */
/**
 * Directories that must never receive the run's output: the results directory is cleared of
 * earlier results and uploaded whole as an artifact, the tools directory is pruned. Rejected
 * when equal to the output directory (their subdirectories are fine, except in VIRTUAL_TREES).
 */
const SYSTEM_DIRECTORIES = [
    '/',
    '/bin',
    '/boot',
    '/dev',
    '/etc',
    '/home',
    '/lib',
    '/lib32',
    '/lib64',
    '/libx32',
    '/media',
    '/mnt',
    '/opt',
    '/proc',
    '/root',
    '/run',
    '/sbin',
    '/srv',
    '/sys',
    '/tmp',
    '/usr',
    '/usr/bin',
    '/usr/lib',
    '/usr/local',
    '/usr/local/bin',
    '/usr/sbin',
    '/usr/share',
    '/var',
    '/var/lib',
    '/var/tmp',
    // macOS
    '/Applications',
    '/Library',
    '/System',
    '/Users',
    '/Volumes',
    '/private',
    '/private/tmp',
    '/private/var'
];
/** Kernel interfaces, not storage: nothing of ours belongs anywhere inside them. */
const VIRTUAL_TREES = ['/proc', '/sys', '/dev'];
/** Real storage under /dev (a tmpfs). */
const STORAGE_UNDER_DEV = ['/dev/shm'];
/**
 * statfs(2) f_type of filesystems where a directory cannot hold our files: mkdir fails there
 * (proc answers ENOENT), or creates a kernel object instead (cgroup, configfs). Values from
 * Linux's include/uapi/linux/magic.h. Caught by type so that /proc mounted elsewhere (a
 * container's /host/proc) is refused too, even to root, whom access(2) lets write anywhere.
 */
const VIRTUAL_FILESYSTEMS = new Map([
    [0x9fa0, 'proc'],
    [0x62656572, 'sysfs'],
    [0x1cd1, 'devpts'],
    [0x27e0eb, 'cgroup'],
    [0x63677270, 'cgroup2'],
    [0x64626720, 'debugfs'],
    [0x74726163, 'tracefs'],
    [0x73636673, 'securityfs'],
    [0xcafe4a11, 'bpf'],
    [0x6165676c, 'pstore'],
    [0x62656570, 'configfs']
]);
/**
 * A directory the run writes into (results-dir, tools-dir): it must not be the workspace
 * root, a parent of it, or a system or shared directory (it is cleared, pruned and uploaded),
 * must not lie inside /proc, /sys or /dev; and it must exist as a writable directory, or its
 * nearest existing ancestor must be a writable directory on a filesystem that stores files.
 *
 * @param name the option's name, for the message.
 * @param directory an absolute path.
 */
function outputDirectoryProblem(name, directory, context) {
    const got = `got ${JSON.stringify(directory)}`;
    const expected = 'expected a directory of its own that can be created and written';
    const nearest = nearestExisting(directory);
    if (nearest.problem !== undefined)
        return `${name}: ${got}, but ${nearest.problem}; ${expected}.`;
    // The same rules for the path as written and as symbolic links resolve it.
    const realDirectory = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(safeRealpath(nearest.existing), ...nearest.missing);
    for (const candidate of new Set([directory, realDirectory])) {
        const placeProblem = forbiddenPlace(candidate, context);
        if (placeProblem !== undefined) {
            const shown = candidate === directory ? '' : ` (${candidate} once links are resolved)`;
            return `${name}: ${got}${shown}, which ${placeProblem}; ${expected}.`;
        }
    }
    const filesystem = virtualFilesystemOf(nearest.existing);
    if (filesystem !== undefined) {
        return `${name}: ${got}, which is on a ${filesystem} filesystem (${nearest.existing}), where nothing can be stored; ${expected}.`;
    }
    const access = accessProblem(nearest.existing, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
    if (access !== undefined) {
        const what = nearest.missing.length === 0
            ? `this directory is not writable (${access})`
            : `it does not exist and cannot be created: its nearest existing parent ${nearest.existing} is not writable (${access})`;
        return `${name}: ${got}, but ${what}; ${expected}.`;
    }
    return undefined;
}
/** A program the run starts (gateway-binary, mocker-binary, vegeta-path). */
function executableFileProblem(name, file) {
    const got = `got ${JSON.stringify(file)}`;
    const expected = 'expected an executable file';
    const kind = kindOf(file);
    if (kind !== 'file')
        return `${name}: ${got}, which ${describeKind(kind)}; ${expected}.`;
    const access = accessProblem(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
    if (access !== undefined) {
        return `${name}: ${got}, which is not executable (${access}; chmod +x it); ${expected}.`;
    }
    return undefined;
}
/** A directory the run reads (bifrost-path, mocker-path). */
function readableDirectoryProblem(name, directory) {
    const got = `got ${JSON.stringify(directory)}`;
    const expected = 'expected a readable directory';
    const kind = kindOf(directory);
    if (kind !== 'directory')
        return `${name}: ${got}, which ${describeKind(kind)}; ${expected}.`;
    const access = accessProblem(directory, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
    if (access !== undefined)
        return `${name}: ${got}, which is not readable (${access}); ${expected}.`;
    return undefined;
}
/**
 * A file the run reads whole (a JSON config file). Only a regular file: reading a FIFO or
 * /dev/stdin would wait forever, /dev/zero would never end.
 */
function readableFileProblem(name, file) {
    const got = `got ${JSON.stringify(file)}`;
    const expected = 'expected a readable regular file';
    const kind = kindOf(file);
    if (kind !== 'file')
        return `${name}: ${got}, which ${describeKind(kind)}; ${expected}.`;
    const access = accessProblem(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK);
    if (access !== undefined)
        return `${name}: ${got}, which is not readable (${access}); ${expected}.`;
    return undefined;
}
function kindOf(candidate) {
    try {
        const found = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate);
        if (found.isFile())
            return 'file';
        return found.isDirectory() ? 'directory' : 'other';
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            return 'unreachable';
    }
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(candidate);
        return 'dangling-link';
    }
    catch {
        return 'missing';
    }
}
function describeKind(kind) {
    switch (kind) {
        case 'file':
            return 'is a file';
        case 'directory':
            return 'is a directory';
        case 'other':
            return 'is neither a regular file nor a directory (a device, FIFO or socket)';
        case 'missing':
            return 'does not exist';
        case 'dangling-link':
            return 'is a symbolic link to something that does not exist';
        case 'unreachable':
            return 'cannot be looked at (a parent directory is not searchable)';
    }
}
function nearestExisting(directory) {
    const missing = [];
    let current = directory;
    for (;;) {
        const kind = kindOf(current);
        if (kind === 'directory')
            return { existing: current, missing };
        if (kind === 'file' || kind === 'other') {
            return {
                existing: current,
                missing,
                problem: `${current} ${describeKind(kind)}, not a directory`
            };
        }
        if (kind === 'dangling-link' || kind === 'unreachable') {
            return { existing: current, missing, problem: `${current} ${describeKind(kind)}` };
        }
        const parent = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(current);
        if (parent === current)
            return { existing: current, missing, problem: 'nothing of it exists' };
        missing.unshift(node_path__WEBPACK_IMPORTED_MODULE_2___default().basename(current));
        current = parent;
    }
}
function forbiddenPlace(directory, context) {
    for (const tree of VIRTUAL_TREES) {
        const inStorage = STORAGE_UNDER_DEV.some((storage) => directory === storage || isInside(directory, storage));
        if ((directory === tree || isInside(directory, tree)) && !inStorage) {
            return `is inside ${tree}, a kernel interface rather than storage`;
        }
    }
    if (SYSTEM_DIRECTORIES.includes(directory))
        return 'is a system directory';
    const shared = context.sharedDirectories ?? [node_os__WEBPACK_IMPORTED_MODULE_1___default().homedir(), node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir()];
    if (shared.map((entry) => node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(entry)).includes(directory)) {
        return 'is a shared directory (home or temporary directory)';
    }
    const workspace = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(context.workspaceRoot);
    if (directory === workspace)
        return 'is the workspace root';
    if (isInside(workspace, directory))
        return `contains the workspace root ${workspace}`;
    return undefined;
}
/** Whether `inner` lies strictly below `outer`. */
function isInside(inner, outer) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(outer, inner);
    return relative !== '' && !relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(relative);
}
function safeRealpath(existing) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(existing);
    }
    catch {
        return existing;
    }
}
function virtualFilesystemOf(existing) {
    try {
        return VIRTUAL_FILESYSTEMS.get(Number((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statfsSync)(existing).type));
    }
    catch {
        // statfs is missing on some platforms; the path rules above still hold.
        return undefined;
    }
}
function accessProblem(candidate, mode) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(candidate, mode);
        return undefined;
    }
    catch (error) {
        return error.code ?? String(error);
    }
}


/***/ }),

/***/ 750:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G5: () => (/* binding */ command),
/* harmony export */   GY: () => (/* binding */ gitRef),
/* harmony export */   JT: () => (/* binding */ cloneRef),
/* harmony export */   Lx: () => (/* binding */ urlPath),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   Yq: () => (/* binding */ choice),
/* harmony export */   _: () => (/* binding */ decimal),
/* harmony export */   b3: () => (/* binding */ headers),
/* harmony export */   iZ: () => (/* binding */ relativePath),
/* harmony export */   mg: () => (/* binding */ GIT_REF_PATTERN),
/* harmony export */   nI: () => (/* binding */ modes),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   rE: () => (/* binding */ version),
/* harmony export */   yG: () => (/* binding */ regex)
/* harmony export */ });
/* unused harmony exports MODES, parseInteger, parseDecimal, parseDurationS, parseVersion, parseUrlPath, parseRegex, parseHeaders, parseCommand, parseChoice, parseMode */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

const MODES = ['non-streaming', 'streaming'];
const ok = (value) => ({ ok: true, value });
const refuse = (allowed) => ({ ok: false, allowed });
function parseInteger(text, min, max) {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed))
        return refuse(`a whole number from ${min} to ${max}`);
    const value = Number(trimmed);
    if (value < min || value > max)
        return refuse(`a whole number from ${min} to ${max}`);
    return ok(value);
}
function parseDecimal(text, min, max) {
    const trimmed = text.trim();
    if (!/^\d+(\.\d+)?$/.test(trimmed))
        return refuse(`a number from ${min} to ${max}`);
    const value = Number(trimmed);
    if (value < min || value > max)
        return refuse(`a number from ${min} to ${max}`);
    return ok(value);
}
const DURATION_UNIT_S = { h: 3600, m: 60, s: 1, ms: 0.001 };
const DURATION_UNIT_ORDER = ['h', 'm', 's', 'ms'];
const DURATION_TERM = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
/**
 * Reads a duration as seconds: a bare number is seconds (as in the seed), else one or more
 * number-unit terms in decreasing units, as Go's time.Duration prints them and our reports
 * do: "30s", "1.5s", "500ms", "2m", "1m30s", "2h5m", "1m0.5s". Units: h, m, s, ms, each
 * at most once. Returns the seconds, or what is allowed when the text is malformed or
 * outside minS..maxS.
 */
function parseDurationS(text, minS, maxS) {
    const allowed = `a duration from ${minS}s to ${maxS}s, such as 30s, 500ms, 2m or 1m30s (a bare number is seconds)`;
    const trimmed = text.trim();
    let seconds;
    if (/^\d+(\.\d+)?$/.test(trimmed)) {
        seconds = Number(trimmed);
    }
    else {
        seconds = 0;
        let unitIndex = -1;
        DURATION_TERM.lastIndex = 0;
        while (DURATION_TERM.lastIndex < trimmed.length) {
            const term = DURATION_TERM.exec(trimmed);
            const index = term ? DURATION_UNIT_ORDER.indexOf(term[2]) : -1;
            // Each unit once, largest first, as a reader expects: "30s1m" is more likely a typo.
            if (!term || index <= unitIndex)
                return refuse(allowed);
            unitIndex = index;
            seconds += Number(term[1]) * DURATION_UNIT_S[term[2]];
        }
        if (unitIndex === -1)
            return refuse(allowed);
    }
    // Float sums such as 1m0.1s: rounded to the microsecond, far below any timer's precision.
    seconds = Math.round(seconds * 1e6) / 1e6;
    if (seconds < minS || seconds > maxS)
        return refuse(allowed);
    return ok(seconds);
}
function parseVersion(text) {
    const trimmed = text.trim().replace(/^v/, '');
    return /^\d+\.\d+\.\d+$/.test(trimmed) ? ok(trimmed) : refuse('a version X.Y.Z, such as 12.13.0');
}
function parseUrlPath(text, allowEmpty) {
    const trimmed = text.trim();
    if (trimmed === '' && allowEmpty)
        return ok('');
    return /^\/[^\s?#]*(\?[^\s#]*)?$/.test(trimmed)
        ? ok(trimmed)
        : refuse(allowEmpty ? 'a path starting with /, or empty' : 'a path starting with /');
}
function parseRegex(text) {
    try {
        new RegExp(text);
        return ok(text);
    }
    catch (error) {
        return refuse(`a valid regular expression (${error.message})`);
    }
}
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** "Name: value" lines, or a JSON object of names to string values. */
function parseHeaders(text) {
    const allowed = '"Name: value" lines, or a JSON object such as {"Authorization": "Bearer x"}';
    const trimmed = text.trim();
    if (trimmed === '')
        return ok({});
    const headers = {};
    if (trimmed.startsWith('{')) {
        let parsed;
        try {
            parsed = JSON.parse(trimmed);
        }
        catch {
            return refuse(allowed);
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            return refuse(allowed);
        for (const [name, value] of Object.entries(parsed)) {
            if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n]/.test(value)) {
                return refuse(allowed);
            }
            headers[name] = value;
        }
        return ok(headers);
    }
    for (const line of trimmed.split(/\r?\n/)) {
        if (line.trim() === '')
            continue;
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        if (colon <= 0 || !HEADER_NAME.test(name))
            return refuse(allowed);
        headers[name] = line.slice(colon + 1).trim();
    }
    return ok(headers);
}
/**
 * Splits a command like a POSIX shell splits words (single quotes, double quotes, backslash),
 * without expanding anything: the result is spawned as argv, never run by a shell.
 * A JSON array of strings is taken as argv directly.
 */
function parseCommand(text) {
    const allowed = 'a command line, or a JSON array of strings';
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) {
        try {
            const parsed = JSON.parse(trimmed);
            if (Array.isArray(parsed) &&
                parsed.length > 0 &&
                parsed.every((word) => typeof word === 'string')) {
                return ok(parsed);
            }
        }
        catch {
            // fall through to the refusal below
        }
        return refuse(allowed);
    }
    const words = [];
    let word = '';
    let inWord = false;
    let quote;
    for (let index = 0; index < trimmed.length; index++) {
        const char = trimmed[index];
        if (quote === "'") {
            if (char === "'")
                quote = undefined;
            else
                word += char;
        }
        else if (quote === '"') {
            if (char === '"')
                quote = undefined;
            else if (char === '\\' && /["\\$`]/.test(trimmed[index + 1] ?? ''))
                word += trimmed[++index];
            else
                word += char;
        }
        else if (char === "'" || char === '"') {
            quote = char;
            inWord = true;
        }
        else if (char === '\\' && index + 1 < trimmed.length) {
            word += trimmed[++index];
            inWord = true;
        }
        else if (/\s/.test(char)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            word += char;
            inWord = true;
        }
    }
    if (quote)
        return refuse(`${allowed} (a ${quote} quote is not closed)`);
    if (inWord)
        words.push(word);
    return words.length > 0 ? ok(words) : refuse(allowed);
}
/** One of a fixed set of words, e.g. "interleaved" or "sequential". */
function parseChoice(text, choices) {
    const trimmed = text.trim();
    return choices.includes(trimmed)
        ? ok(trimmed)
        : refuse(`one of ${choices.join(', ')}`);
}
/** "non-streaming", "streaming" or "both" → the modes to measure, non-streaming first. */
function parseMode(text) {
    const choice = parseChoice(text, [...MODES, 'both']);
    if (!choice.ok)
        return choice;
    if (choice.value === 'both')
        return ok([...MODES]);
    return ok([choice.value]);
}
/** A branch, tag or commit name: no leading "-", nothing a shell or git would read as more. */
const GIT_REF_PATTERN = /^(?!-)[\w./@^~-]+$/;
/** mocker-ref's names, which `git clone --branch` takes: a narrower set than GIT_REF_PATTERN. */
const CLONE_REF_PATTERN = /^(?!-)[\w./-]+$/;
/** Numbers may also be written as strings in a config file, as flags and inputs are. */
const numberOrText = (number, pattern) => ({
    anyOf: [number, { type: 'string', pattern }]
});
/** A whole number from min to max; stands in as min. */
const integer = (min, max) => ({
    parse: (text) => parseInteger(text, min, max),
    standIn: min,
    schema: numberOrText({ type: 'integer', minimum: min, maximum: max }, '^\\s*\\d+\\s*$')
});
/** A decimal number from min to max; stands in as min. */
const decimal = (min, max) => ({
    parse: (text) => parseDecimal(text, min, max),
    standIn: min,
    schema: numberOrText({ type: 'number', minimum: min, maximum: max }, '^\\s*\\d+(\\.\\d+)?\\s*$')
});
const NUMBER = '\\d+(\\.\\d+)?';
/** A bare number (seconds) or number-unit terms, largest unit first: 30s, 500ms, 1m30s, 2h5m. */
const DURATION = `^\\s*(?=\\S)(${NUMBER}|(${NUMBER}h)?(${NUMBER}m)?(${NUMBER}s)?(${NUMBER}ms)?)\\s*$`;
/** A duration from minS to maxS seconds (parseDurationS); a JSON number is seconds. */
const duration = (minS, maxS) => ({
    parse: (text) => parseDurationS(text, minS, maxS),
    standIn: minS,
    schema: numberOrText({ type: 'number', minimum: minS, maximum: maxS }, DURATION)
});
/**
 * One of `choices`; stands in as the first. `allowed` words the refusal when the bare list
 * would not tell a user what each choice means.
 */
const choice = (choices, allowed) => ({
    parse: (text) => {
        const parsed = parseChoice(text, choices);
        return parsed.ok || allowed === undefined ? parsed : refuse(allowed);
    },
    standIn: choices[0],
    schema: { enum: [...choices] }
});
/** "non-streaming", "streaming" or "both" (parseMode). */
const modes = {
    parse: parseMode,
    standIn: [MODES[0]],
    schema: { enum: [...MODES, 'both'] }
};
/** Any text, trimmed: names, paths (resolved by the caller), URLs. */
const text = {
    parse: (value) => ok(value.trim()),
    standIn: '',
    schema: { type: 'string' }
};
/** A version X.Y.Z, with or without a leading v (parseVersion). */
const version = {
    parse: parseVersion,
    standIn: '',
    schema: { type: 'string', pattern: '^\\s*v?\\d+\\.\\d+\\.\\d+\\s*$' }
};
/** A URL path starting with / (or empty, when allowed: parseUrlPath); stands in as "/". */
const urlPath = (allowEmpty) => ({
    parse: (value) => parseUrlPath(value, allowEmpty),
    standIn: '/',
    schema: {
        type: 'string',
        pattern: allowEmpty
            ? '^\\s*(/[^\\s?#]*(\\?[^\\s#]*)?)?\\s*$'
            : '^\\s*/[^\\s?#]*(\\?[^\\s#]*)?\\s*$'
    }
});
/** A JavaScript regular expression (parseRegex). */
const regex = { parse: parseRegex, standIn: '', schema: text.schema };
/** Request headers (parseHeaders): lines, or in a config file also an object. */
const headers = {
    parse: parseHeaders,
    standIn: {},
    schema: {
        anyOf: [text.schema, { type: 'object', additionalProperties: { type: 'string' } }]
    }
};
/** An argv (parseCommand); stands in as [], which rules read as "did not parse". */
const command = {
    parse: parseCommand,
    standIn: [],
    schema: { anyOf: [text.schema, { type: 'array', items: { type: 'string' }, minItems: 1 }] }
};
const refPattern = (pattern) => ({
    parse: (value) => pattern.test(value.trim()) ? ok(value.trim()) : refuse('a branch, tag or commit name'),
    standIn: 'HEAD',
    schema: { type: 'string', pattern: pattern.source }
});
/** A git ref that `git rev-parse` and `git fetch` are given (base-ref): GIT_REF_PATTERN. */
const gitRef = refPattern(GIT_REF_PATTERN);
/** A git ref that `git clone --branch` is given (mocker-ref). */
const cloneRef = refPattern(CLONE_REF_PATTERN);
/** A relative path that stays inside its directory: not absolute, no "..". */
const relativePath = {
    parse: (value) => {
        const trimmed = value.trim();
        return node_path__WEBPACK_IMPORTED_MODULE_0___default().isAbsolute(trimmed) || trimmed.split(/[\\/]/).includes('..')
            ? refuse('a relative path inside the repository')
            : ok(trimmed);
    },
    standIn: '.',
    schema: text.schema
};


/***/ }),

/***/ 883:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  p: () => (/* binding */ resolveConfig)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/options.ts
var options = __nccwpck_require__(856);
;// CONCATENATED MODULE: ./src/config/resolve.ts


const DEFAULTS = Object.fromEntries(options/* OPTIONS */.lw.flatMap((option) => 'defaultValue' in option ? [[option.name, option.defaultValue]] : []));
/**
 * Option layers merged (later layers win over earlier ones, all over the defaults), read
 * through the option table's value kinds; collects problems and the files to check.
 */
class Options {
    context;
    problems = [];
    files = [];
    given;
    raw;
    constructor(layers, context) {
        this.context = context;
        this.given = Object.assign({}, ...layers);
        this.raw = { ...DEFAULTS, ...this.given };
    }
    /** Given by the user as something other than blanks (a default does not count). */
    isGiven(name) {
        const text = this.given[name];
        return text !== undefined && text.trim() !== '';
    }
    /** The trimmed text, given or default; empty when neither. */
    text(name) {
        return this.raw[name]?.trim() ?? '';
    }
    /** The value read by the option's own parser; its stand-in when refused (a problem) or unset. */
    value(name) {
        const kind = (0,options/* valueKindOf */.jn)(name);
        const text = this.raw[name];
        if (text === undefined)
            return kind.standIn;
        const parsed = kind.parse(text);
        if (parsed.ok)
            return parsed.value;
        this.refuse(`${name}: got ${JSON.stringify(text)}; expected ${parsed.allowed}.`);
        return kind.standIn;
    }
    /** The option's path, resolved against the working directory. */
    path(name) {
        return external_node_path_default().resolve(this.context.cwd, this.text(name));
    }
    refuse(problem) {
        this.problems.push(problem);
    }
    /** The option's path (or `resolved`, a default of its own), listed for the preflight. */
    file(name, expect, resolved = this.path(name)) {
        this.files.push({ option: name, expect, path: resolved, given: this.text(name) });
        return resolved;
    }
    /** As file(), when the option is given; undefined otherwise. */
    givenFile(name, expect) {
        return this.isGiven(name) ? this.file(name, expect) : undefined;
    }
}
/**
 * Reads option layers into one config: each value by its row of the option table, then the
 * rules between options, each a function below. Every problem is collected, so a user fixes
 * them in one go. Pure: reads no file (the preflight checks `files`), starts nothing.
 */
function resolveOptions(layers, context) {
    const options = new Options(layers, context);
    const load = loadSettings(options);
    const limits = limitSettings(options);
    const vegeta = {
        version: options.value('vegeta-version'),
        path: options.givenFile('vegeta-path', 'executable')
    };
    const source = onlyOneGateway(options);
    bifrostModulesOnlyForACheckout(options, source);
    const ports = distinctPorts(options);
    const readiness = oneReadinessSignal(options);
    commandTakesItsPort(options, source, ports.gateway);
    const requestPath = options.value('gateway-request-path');
    const headers = options.value('gateway-headers');
    const bifrostConfigPath = options.givenFile('bifrost-config', 'bifrost-config');
    const gateway = {
        // A refused source is reported; this stand-in trips no rule that reads the draft.
        source: source ?? { kind: 'command', argvTemplate: [] },
        port: ports.gateway,
        ...readiness,
        requestPath,
        model: options.text('gateway-model'),
        headers,
        ...(bifrostConfigPath ? { bifrostConfigPath } : {})
    };
    options.givenFile('baseline-results', 'baseline-results');
    const base = onlyOneBase(options, gateway.source);
    const mocker = {
        source: onlyOneMocker(options),
        port: ports.mocker,
        model: options.text('mocker-model')
    };
    const config = {
        ...load,
        ...limits,
        vegeta,
        gateway,
        ...(base ? { base: { source: base } } : {}),
        mocker,
        ...outputDirectories(options)
    };
    return { config, problems: options.problems, files: options.files };
}
/** What the load is: rate, modes, method and lengths; vegeta's workers and body limit. */
function loadSettings(options) {
    return {
        rate: options.value('rate'),
        modes: options.value('mode'),
        measurement: options.value('measurement'),
        warmupDurationS: options.value('warmup-duration'),
        minAchievedRatePct: options.value('min-achieved-rate-pct'),
        maxCalibrationExcessUs: options.value('max-calibration-excess-us'),
        maxBodyBytes: options.value('max-body-bytes'),
        overheadDurationS: options.value('overhead-duration'),
        stressDurationS: options.value('stress-duration'),
        overheadMockerLatencyMs: options.value('overhead-mocker-latency-ms'),
        stressMockerLatencyMs: options.value('stress-mocker-latency-ms'),
        stressRuns: options.value('stress-runs'),
        stressIdleS: options.value('stress-idle'),
        maxWorkers: options.value('max-workers'),
        readyTimeoutS: options.value('ready-timeout')
    };
}
/** The limits the checks apply; max-regression-pct only when given. */
function limitSettings(options) {
    const maxRegressionPct = options.isGiven('max-regression-pct')
        ? options.value('max-regression-pct')
        : undefined;
    return {
        maxOverheadUs: {
            mean: options.value('max-overhead-mean-us'),
            p50: options.value('max-overhead-p50-us'),
            p90: options.value('max-overhead-p90-us'),
            p95: options.value('max-overhead-p95-us'),
            p99: options.value('max-overhead-p99-us')
        },
        maxRegressionUs: {
            mean: options.value('max-regression-mean-us'),
            p50: options.value('max-regression-p50-us'),
            p90: options.value('max-regression-p90-us'),
            p95: options.value('max-regression-p95-us'),
            p99: options.value('max-regression-p99-us')
        },
        ...(maxRegressionPct === undefined ? {} : { maxRegressionPct }),
        failOn: options.value('fail-on'),
        minStressSuccessRatePct: options.value('min-stress-success-rate')
    };
}
/** Exactly one of bifrost-path (the default "."), gateway-binary or gateway-command. */
function onlyOneGateway(options) {
    const chosen = ['gateway-command', 'gateway-binary'].filter((name) => options.isGiven(name));
    const withCheckout = options.isGiven('bifrost-path');
    if (chosen.length > 1 || (chosen.length === 1 && withCheckout)) {
        const names = [...(withCheckout ? ['bifrost-path'] : []), ...chosen];
        options.refuse(`${names.join(' and ')}: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.`);
        return undefined;
    }
    if (chosen[0] === 'gateway-command') {
        return { kind: 'command', argvTemplate: options.value('gateway-command') };
    }
    if (chosen[0] === 'gateway-binary') {
        return { kind: 'binary', path: options.file('gateway-binary', 'executable') };
    }
    return {
        kind: 'bifrost-checkout',
        path: options.file('bifrost-path', 'bifrost-checkout'),
        modules: options.value('bifrost-modules')
    };
}
/** bifrost-modules says how a checkout is built: given with a prebuilt or any gateway, it is a mistake. */
function bifrostModulesOnlyForACheckout(options, source) {
    if (!options.isGiven('bifrost-modules') || !source || source.kind === 'bifrost-checkout')
        return;
    options.refuse(`bifrost-modules: applies to a checkout built from bifrost-path, not to ${source.kind === 'binary' ? 'gateway-binary' : 'gateway-command'}; remove it.`);
}
/** gateway-port and mocker-port, different unless both 0 (the run picks free ones). */
function distinctPorts(options) {
    const gateway = options.value('gateway-port');
    const mocker = options.value('mocker-port');
    if (gateway !== 0 && gateway === mocker) {
        options.refuse(`gateway-port and mocker-port: both are ${gateway}; give them different ports.`);
    }
    return { gateway, mocker };
}
/**
 * Readiness is decided by one thing: the log line when gateway-ready-log is set, else the
 * health path. The action always passes the health path's default, so only a path other
 * than the default counts as asking for both.
 */
function oneReadinessSignal(options) {
    if (!options.isGiven('gateway-ready-log')) {
        const healthPath = options.value('gateway-health-path');
        if (healthPath === '') {
            options.refuse('gateway-health-path: got ""; expected a path such as /health, or set gateway-ready-log so readiness can be detected.');
        }
        return { healthPath, readyLogPattern: undefined };
    }
    const readyLogPattern = options.value('gateway-ready-log');
    const healthPath = options.text('gateway-health-path');
    if (healthPath !== '' && healthPath !== DEFAULTS['gateway-health-path']) {
        options.refuse(`gateway-health-path and gateway-ready-log: got ${JSON.stringify(healthPath)} and ${JSON.stringify(options.text('gateway-ready-log'))}; expected one of them: the gateway is ready when its log matches gateway-ready-log, or, when that is empty, when gateway-health-path answers 2xx.`);
    }
    return { healthPath: '', readyLogPattern };
}
/** The run picks the gateway's port, so a gateway-command must take {port} unless gateway-port is set. */
function commandTakesItsPort(options, source, port) {
    // An empty template means gateway-command did not parse, which is already reported.
    if (source?.kind !== 'command' || source.argvTemplate.length === 0 || port !== 0)
        return;
    if (!source.argvTemplate.some((word) => word.includes('{port}'))) {
        options.refuse('gateway-command: has no {port} placeholder; expected one (the run picks the port), or set gateway-port to the port the gateway listens on.');
    }
}
/**
 * At most one base to compare against. base-ref is a ref of the head checkout's repository,
 * so it needs bifrost-path; a base built from a checkout takes the head's bifrost-modules; a
 * base-gateway-command must take {port}, since the run always picks the base's port.
 */
function onlyOneBase(options, head) {
    const chosen = ['base-bifrost-path', 'base-ref', 'base-gateway-binary', 'base-gateway-command'].filter((name) => options.isGiven(name));
    if (chosen.length === 0)
        return undefined;
    if (chosen.length > 1) {
        options.refuse(`${chosen.join(' and ')}: more than one base given; expected at most one of base-bifrost-path, base-ref, base-gateway-binary or base-gateway-command.`);
        return undefined;
    }
    const modules = head.kind === 'bifrost-checkout' ? head.modules : undefined;
    switch (chosen[0]) {
        case 'base-ref': {
            const ref = options.value('base-ref');
            if (head.kind !== 'bifrost-checkout') {
                options.refuse('base-ref: needs bifrost-path, a git checkout whose repository holds the ref; with another gateway, give base-gateway-binary or base-gateway-command.');
                return undefined;
            }
            return { kind: 'git-ref', repositoryPath: head.path, ref, modules };
        }
        case 'base-bifrost-path': {
            const basePath = options.file('base-bifrost-path', 'bifrost-checkout');
            return { kind: 'bifrost-checkout', path: basePath, modules };
        }
        case 'base-gateway-binary': {
            return { kind: 'binary', path: options.file('base-gateway-binary', 'executable') };
        }
        case 'base-gateway-command': {
            const argvTemplate = options.value('base-gateway-command');
            if (argvTemplate.length > 0 && !argvTemplate.some((word) => word.includes('{port}'))) {
                options.refuse("base-gateway-command: has no {port} placeholder; expected one (the run picks the base gateway's port).");
            }
            return { kind: 'command', argvTemplate };
        }
        default:
            return undefined;
    }
}
/**
 * At most one of mocker-path, mocker-binary or mocker-repository; none means this tool's own
 * mocker/. mocker-ref and mocker-subdirectory apply to a repository only.
 */
function onlyOneMocker(options) {
    const chosen = ['mocker-path', 'mocker-binary', 'mocker-repository'].filter((name) => options.isGiven(name));
    const directory = options.isGiven('mocker-path')
        ? options.path('mocker-path')
        : external_node_path_default().join(options.context.packageRoot, 'mocker');
    if (chosen.length > 1) {
        options.refuse(`${chosen.join(' and ')}: more than one mock provider given; expected at most one of mocker-path, mocker-binary or mocker-repository.`);
        // A stand-in: the refusal is reported, and a draft's files are not checked for it.
        return { kind: 'directory', path: directory };
    }
    if (chosen[0] === 'mocker-binary') {
        return { kind: 'binary', path: options.file('mocker-binary', 'executable') };
    }
    if (chosen[0] === 'mocker-repository') {
        return {
            kind: 'git',
            repository: options.text('mocker-repository'),
            subdirectory: options.value('mocker-subdirectory'),
            ref: options.value('mocker-ref')
        };
    }
    return { kind: 'directory', path: options.file('mocker-path', 'go-package', directory) };
}
/** Where results and tools go; both checked by the preflight, since both are written. */
function outputDirectories(options) {
    return {
        resultsDir: options.file('results-dir', 'output-directory'),
        toolsDir: options.isGiven('tools-dir')
            ? options.file('tools-dir', 'output-directory')
            : options.file('tools-dir', 'output-directory', options.context.defaultToolsDir)
    };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/load/sizing.ts
var sizing = __nccwpck_require__(264);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: ./src/config/baseline.ts


/** The overhead statistics a baseline must hold: the ones checked against limits. */
const REQUIRED_STATS = ['mean', 'p50', 'p90', 'p95', 'p99'];
/** The other latency statistics a run records (load/types.ts LATENCY_STAT_KEYS). */
const OPTIONAL_STATS = ['min', 'p999', 'max'];
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The statistics of one `latency_us` object; undefined when a required one is not a number. */
function overheadOf(latency) {
    if (!isObject(latency))
        return undefined;
    const overhead = {};
    for (const key of REQUIRED_STATS) {
        const value = latency[key];
        if (typeof value !== 'number' || !Number.isFinite(value))
            return undefined;
        overhead[key] = value;
    }
    for (const key of OPTIONAL_STATS) {
        const value = latency[key];
        if (typeof value === 'number' && Number.isFinite(value))
            overhead[key] = value;
    }
    return overhead;
}
/**
 * Reads an earlier run's load-test-results.json for baseline-results. It must be a JSON
 * object whose `overhead.latency_us` (the seed script's key: non-streaming overhead, µs) or
 * `overhead.streaming.latency_us` holds numbers for mean, p50, p90, p95 and p99. Returns the
 * baseline, or the problem worded for "baseline-results: got <path>, <problem>".
 */
function loadBaselineResults(filePath) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(filePath, 'utf8');
    }
    catch (error) {
        return { ok: false, problem: `which cannot be read (${(0,errors/* errorMessage */.g)(error)})` };
    }
    if (text.length > MAX_BASELINE_BYTES) {
        return { ok: false, problem: `which is larger than ${MAX_BASELINE_BYTES} bytes` };
    }
    let document;
    try {
        document = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, problem: `which is not valid JSON (${(0,errors/* errorMessage */.g)(error)})` };
    }
    const expected = 'expected the load-test-results.json of an earlier run, with overhead.latency_us (or overhead.streaming.latency_us) holding mean, p50, p90, p95 and p99 in µs';
    if (!isObject(document) || !isObject(document.overhead)) {
        return { ok: false, problem: `which has no overhead object; ${expected}` };
    }
    const overhead = document.overhead;
    const overheadUs = {};
    const plain = overheadOf(overhead.latency_us);
    if (plain)
        overheadUs['non-streaming'] = plain;
    const streaming = isObject(overhead.streaming)
        ? overheadOf(overhead.streaming.latency_us)
        : undefined;
    if (streaming)
        overheadUs.streaming = streaming;
    if (!plain && !streaming) {
        return { ok: false, problem: `whose overhead has no complete latency_us; ${expected}` };
    }
    const rate = overhead.configured_rate;
    return {
        ok: true,
        baseline: {
            file: filePath,
            timestamp: typeof document.timestamp === 'string' ? document.timestamp : 'unknown',
            overheadUs,
            ...(typeof rate === 'number' && Number.isFinite(rate) ? { rate } : {})
        }
    };
}

// EXTERNAL MODULE: ./src/config/bifrost-config.ts
var bifrost_config = __nccwpck_require__(126);
// EXTERNAL MODULE: ./src/config/paths.ts
var paths = __nccwpck_require__(66);
// EXTERNAL MODULE: ./src/tools/bifrost-checkout.ts
var bifrost_checkout = __nccwpck_require__(527);
;// CONCATENATED MODULE: ./src/tools/preflight.ts






/**
 * Checks, before anything starts, every file and directory the options name (as
 * resolveOptions lists them, in its order): programs are executable files, checkouts hold
 * bifrost-http's main package, the mock provider's directory a Go package, the bifrost config
 * and the baseline parse, output directories can be created and written. Creates and changes
 * nothing. Returns the problems and the baseline read.
 */
function preflight(checks, context) {
    const problems = [];
    let baseline;
    for (const check of checks) {
        let problem;
        switch (check.expect) {
            case 'executable':
                problem = (0,paths/* executableFileProblem */.yX)(check.option, check.path);
                break;
            case 'output-directory':
                problem = (0,paths/* outputDirectoryProblem */.GR)(check.option, check.path, context);
                break;
            case 'bifrost-checkout':
                problem = bifrostCheckoutProblem(check);
                break;
            case 'go-package':
                problem = goPackageProblem(check.option, check.path);
                break;
            case 'bifrost-config':
                problem = bifrostConfigProblem(check);
                break;
            case 'baseline-results': {
                const read = readBaseline(check);
                problem = read.problem;
                baseline = read.baseline;
                break;
            }
        }
        if (problem !== undefined)
            problems.push(problem);
    }
    return { problems, ...(baseline ? { baseline } : {}) };
}
const gotGiven = (check) => `got ${JSON.stringify(check.given)} (${check.path})`;
function bifrostCheckoutProblem(check) {
    const unreadable = (0,paths/* readableDirectoryProblem */.xH)(check.option, check.path);
    if (unreadable !== undefined)
        return unreadable;
    if ((0,bifrost_checkout/* findMainPackage */.tW)(check.path) !== undefined)
        return undefined;
    const expected = check.option === 'bifrost-path'
        ? 'a bifrost checkout, or set gateway-binary or gateway-command'
        : 'a bifrost checkout of the base';
    return `${check.option}: ${gotGiven(check)}, which has no bifrost-http main package (looked in transports/bifrost-http/, then transports/); expected ${expected}.`;
}
function goPackageProblem(option, directory) {
    const unreadable = (0,paths/* readableDirectoryProblem */.xH)(option, directory);
    if (unreadable !== undefined)
        return unreadable;
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(directory, 'go.mod')) || (0,external_node_fs_.existsSync)(external_node_path_default().join(directory, 'main.go'))) {
        return undefined;
    }
    return `${option}: got ${JSON.stringify(directory)}, which holds no Go package (no go.mod or main.go); expected the mock provider's source directory.`;
}
function bifrostConfigProblem(check) {
    const unreadable = (0,paths/* readableFileProblem */.AY)(check.option, check.path);
    if (unreadable !== undefined)
        return unreadable;
    const loaded = (0,bifrost_config/* loadBifrostConfig */.u)(check.path);
    return loaded.ok ? undefined : `${check.option}: ${gotGiven(check)}, ${loaded.problem}.`;
}
function readBaseline(check) {
    const unreadable = (0,paths/* readableFileProblem */.AY)(check.option, check.path);
    if (unreadable !== undefined)
        return { problem: unreadable };
    const loaded = loadBaselineResults(check.path);
    if (!loaded.ok)
        return { problem: `${check.option}: ${gotGiven(check)}, ${loaded.problem}.` };
    return { baseline: loaded.baseline };
}

;// CONCATENATED MODULE: ./src/configure.ts




/**
 * Builds the one checked config of a run from option layers (later layers win over earlier
 * ones, all over the seed's defaults), in three steps: each value by the option table and the
 * rules between options (config/resolve.ts), whether the load fits vegeta's workers and
 * bifrost's connections (load/sizing.ts), and every file the options name (the preflight,
 * tools/preflight.ts). Nothing is started before it returns.
 *
 * @throws LoadTestError('input') listing every problem of the three steps, one per line, so a
 * user fixes them in one go.
 */
function resolveConfig(layers, context) {
    const resolved = resolveOptions(layers, context);
    const files = preflight(resolved.files, { workspaceRoot: context.cwd });
    const problems = [...resolved.problems, ...(0,sizing/* sizingProblems */.xj)(resolved.config), ...files.problems];
    if (problems.length > 0) {
        throw new errors/* LoadTestError */.v('input', `Invalid options (nothing was started):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    return { ...resolved.config, ...(files.baseline ? { baseline: files.baseline } : {}) };
}


/***/ }),

/***/ 785:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  PJ: () => (/* binding */ TELEMETRY_PROBE),
  xu: () => (/* binding */ gatewayTelemetryOf),
  _x: () => (/* binding */ telemetryProbe)
});

// UNUSED EXPORTS: telemetryRow

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __nccwpck_require__(500);
;// CONCATENATED MODULE: ./src/services/gateway-telemetry.ts
/**
 * The gateway's own account of its overhead, read from its Prometheus endpoint: bifrost
 * (2.0 and later, telemetry plugin, on by default) exports the histogram
 * `bifrost_overhead_latency_microseconds`, "total request time minus time blocked on upstream
 * provider sockets" (bifrost's changelog, #6345), at `GET /metrics` on its API port. Read
 * just before and just after a measured attack, its `_sum` and `_count` give the mean the
 * gateway reports for that attack's requests: a cross-check of the overhead measured from
 * outside, and of what a change adds inside the process.
 */

/** The histogram bifrost exports for its overhead, in microseconds. */
const OVERHEAD_HISTOGRAM = 'bifrost_overhead_latency_microseconds';
const SAMPLE_LINE = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{[^}]*\})?\s+(\S+)/;
/**
 * Each sample named in `names`, summed over its label sets, from Prometheus' text exposition
 * format (version 0.0.4); comments and other samples are skipped. A name that is absent is
 * absent from the map; one with a value that is not a finite number maps to NaN.
 */
function parseSampleTotals(text, names) {
    const wanted = new Set(names);
    const totals = new Map();
    for (const line of text.split('\n')) {
        const match = SAMPLE_LINE.exec(line.trim());
        if (!match)
            continue;
        const [, sample, , rawValue] = match;
        if (sample === undefined || !wanted.has(sample))
            continue;
        const value = Number(rawValue);
        totals.set(sample, (totals.get(sample) ?? 0) + (Number.isFinite(value) ? value : Number.NaN));
    }
    return totals;
}
/**
 * Totals of histogram `name` in Prometheus' text exposition format (version 0.0.4): the
 * `<name>_sum` and `<name>_count` samples, each summed over label sets. Comments and other
 * metrics are skipped. Returns undefined when either sample is missing or not a finite number.
 */
function parseHistogramTotals(text, name) {
    const totals = parseSampleTotals(text, [`${name}_sum`, `${name}_count`]);
    const sumUs = totals.get(`${name}_sum`);
    const count = totals.get(`${name}_count`);
    if (sumUs === undefined || count === undefined)
        return undefined;
    return Number.isFinite(sumUs) && Number.isFinite(count) ? { sumUs, count } : undefined;
}
/**
 * The mean over the observations made between `before` and `after` (two readings of the same
 * process). Undefined when either reading is missing, no request finished in between, or a
 * counter went backwards (the process restarted or reset its metrics).
 */
function telemetryBetween(before, after, metric = OVERHEAD_HISTOGRAM) {
    if (!before || !after)
        return undefined;
    const requests = after.count - before.count;
    const sumUs = after.sumUs - before.sumUs;
    if (requests <= 0 || sumUs < 0)
        return undefined;
    return { metric, requests, meanUs: sumUs / requests };
}
/**
 * The body of `GET ${baseUrl}/metrics` (baseUrl: scheme, host and port, no trailing slash).
 * Never throws: undefined for a status other than 2xx, any network error, or a reply slower
 * than `timeoutMs`.
 */
async function fetchMetricsText(baseUrl, timeoutMs = 2000) {
    try {
        const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) {
            await response.body?.cancel();
            return undefined;
        }
        return await response.text();
    }
    catch {
        return undefined;
    }
}
/**
 * Reads OVERHEAD_HISTOGRAM from `${baseUrl}/metrics`. Never throws: a gateway without the
 * endpoint or the histogram (most OpenAI-compatible gateways, bifrost before 2.0) yields
 * undefined, and so does any network error or a reply slower than `timeoutMs`.
 */
async function readOverheadTotals(baseUrl, timeoutMs = 2000) {
    const text = await fetchMetricsText(baseUrl, timeoutMs);
    return text === undefined ? undefined : parseHistogramTotals(text, OVERHEAD_HISTOGRAM);
}
/**
 * Reads OVERHEAD_HISTOGRAM at `baseUrl`, again every `pollMs` until its count reaches
 * `answered` (the chat requests the gateway has answered since it started), or `settleMs` has
 * passed. Why: a gateway may count a request only after its response is on the wire (bifrost
 * derives the histogram from the request's root span, closed in the HTTP transport's hooks),
 * so a reading just after an attack can miss its last requests, and one just before the
 * next can miss the warm-up's, which would then be credited to the measured attack. Returns
 * the last reading: short of `answered` when the gateway never counts some (a request it
 * refused before its core), undefined when unreadable. Never throws.
 */
async function readOverheadTotalsCovering(baseUrl, answered, { settleMs = 1000, pollMs = 25, timeoutMs = 2000 } = {}) {
    const deadline = Date.now() + settleMs;
    for (;;) {
        const totals = await readOverheadTotals(baseUrl, timeoutMs);
        if (!totals || totals.count >= answered || Date.now() + pollMs > deadline)
            return totals;
        await (0,promises_.setTimeout)(pollMs);
    }
}

// EXTERNAL MODULE: ./src/engine/services.ts + 2 modules
var engine_services = __nccwpck_require__(10);
;// CONCATENATED MODULE: ./src/engine/probes/telemetry.ts


/**
 * The gateway's own account of its overhead (services/gateway-telemetry.ts): each gateway
 * target's overhead histogram read just before and just after an attack, once the gateway
 * has counted every request it answered so far; one row per phase of a gateway that exports
 * the histogram: the mean over the requests it finished meanwhile. Shown as `data`: the
 * reports tell it in a sentence beside the overhead measured from outside.
 */
const TELEMETRY_PROBE = 'telemetry';
const METRIC = 'reported-overhead-mean-us';
const telemetryProbe = () => {
    let before = new Map();
    return {
        async beforeAttack({ step, services }) {
            before = await readTelemetry(step, services);
        },
        async afterAttack({ step, services }) {
            const after = await readTelemetry(step, services);
            const rows = step.phases.flatMap((phase) => {
                const telemetry = telemetryBetween(before.get(phase.target), after.get(phase.target));
                return telemetry ? [telemetryRow({ ...phase, mode: step.mode }, telemetry)] : [];
            });
            before = new Map();
            return rows;
        }
    };
};
/** The row of one phase's telemetry. */
function telemetryRow(phase, telemetry) {
    return {
        id: `${TELEMETRY_PROBE}/${METRIC}/${phase.id}/${phase.target}`,
        probe: TELEMETRY_PROBE,
        metric: METRIC,
        label: 'Mean overhead the gateway reports',
        group: "The gateway's own telemetry",
        unit: 'µs',
        value: telemetry.meanUs,
        worse: 'higher',
        target: phase.target,
        phase: phase.id,
        mode: phase.mode,
        requests: telemetry.requests,
        source: telemetry.metric,
        shown: 'data'
    };
}
/** What the gateway of phase `phaseId` reported, from the telemetry probe's rows. */
function gatewayTelemetryOf(rows, phaseId) {
    const row = rows.find((candidate) => candidate.probe === TELEMETRY_PROBE &&
        candidate.metric === METRIC &&
        candidate.phase === phaseId);
    if (!row || row.requests === undefined || row.source === undefined)
        return undefined;
    return { metric: row.source, requests: row.requests, meanUs: row.value };
}
/**
 * Each gateway target's overhead histogram, once it has counted every request it answered
 * so far (see readOverheadTotalsCovering); absent when unreadable.
 */
async function readTelemetry(step, services) {
    const readings = new Map();
    for (const { target } of step.phases) {
        const baseUrl = (0,engine_services/* gatewayBaseUrlOf */.U7)(target, services);
        if (baseUrl === undefined)
            continue;
        const answered = services.answeredRequests.get(target) ?? 0;
        const totals = await readOverheadTotalsCovering(baseUrl, answered);
        if (totals)
            readings.set(target, totals);
    }
    return readings;
}


/***/ }),

/***/ 338:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  O: () => (/* binding */ runLoadTest)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/ensure-directory.ts
var ensure_directory = __nccwpck_require__(683);
// EXTERNAL MODULE: ./src/tools/git-worktree.ts
var git_worktree = __nccwpck_require__(981);
// EXTERNAL MODULE: ./src/tools/temporary-paths.ts
var temporary_paths = __nccwpck_require__(373);
// EXTERNAL MODULE: ./src/tools/exec.ts
var exec = __nccwpck_require__(122);
;// CONCATENATED MODULE: ./src/tools/vegeta.ts





const VEGETA_MODULE = 'github.com/tsenart/vegeta/v12';
/** vegeta: the given path, else a matching vegeta on PATH, else our tools dir, else install. */
async function resolveVegeta(config, options) {
    const env = options.env ?? process.env;
    if (config.path !== undefined) {
        const version = await vegetaVersion(config.path, env);
        if (version !== config.version) {
            options.log(`vegeta-path ${config.path} is version ${version ?? 'unknown'}, not ${config.version}; using it as given`);
        }
        return { path: config.path, version: version ?? 'unknown', source: 'vegeta-path' };
    }
    const onPath = await findOnPath('vegeta', env.PATH ?? '');
    if (onPath !== undefined) {
        const version = await vegetaVersion(onPath, env);
        if (version === config.version)
            return { path: onPath, version, source: 'PATH' };
        options.log(`vegeta on PATH (${onPath}) is version ${version ?? 'unknown'}, not ${config.version}; not using it`);
    }
    const installDir = external_node_path_default().join(options.toolsDir, 'vegeta', config.version);
    const installed = external_node_path_default().join(installDir, 'vegeta');
    if ((await isExecutable(installed)) && (await vegetaVersion(installed, env)) === config.version) {
        return { path: installed, version: config.version, source: 'tools-dir' };
    }
    if (options.download) {
        const downloaded = await options.download(config.version, options.log);
        if (downloaded !== undefined) {
            return { path: downloaded, version: config.version, source: 'download' };
        }
    }
    await (0,ensure_directory/* ensureDirectory */.E)(installDir);
    options.log(`installing vegeta ${config.version} with go install into ${installDir}`);
    const result = await (0,exec/* runCommand */.d)(['go', 'install', `${VEGETA_MODULE}@v${config.version}`], {
        env: { ...env, GOBIN: installDir }
    });
    if (result.exitCode !== 0 || !(await isExecutable(installed))) {
        throw new errors/* LoadTestError */.v('setup', `could not install vegeta ${config.version} with go install (exit status ${result.exitCode}):\n${(0,exec/* outputTail */.c)(result)}`);
    }
    return { path: installed, version: config.version, source: 'go install' };
}
/**
 * A vegeta binary's version. Release builds print it with -version; a `go install`ed one
 * prints an empty version, so its module version is read from the binary's build info.
 */
async function vegetaVersion(binaryPath, env = process.env) {
    const printed = await (0,exec/* runCommand */.d)([binaryPath, '-version'], { env }).catch(() => undefined);
    const fromFlag = /^Version:\s*v?(\d+\.\d+\.\d+)/m.exec(printed?.stdout ?? '')?.[1];
    if (fromFlag !== undefined)
        return fromFlag;
    const buildInfo = await (0,exec/* runCommand */.d)(['go', 'version', '-m', binaryPath], { env }).catch(() => undefined);
    const modulePattern = new RegExp(`^\\s*mod\\s+${VEGETA_MODULE.replaceAll('.', '\\.')}\\s+v(\\d+\\.\\d+\\.\\d+)`, 'm');
    return modulePattern.exec(buildInfo?.stdout ?? '')?.[1];
}
async function findOnPath(program, searchPath) {
    for (const directory of searchPath.split((external_node_path_default()).delimiter)) {
        if (directory === '')
            continue;
        const candidate = external_node_path_default().join(directory, program);
        if (await isExecutable(candidate))
            return candidate;
    }
    return undefined;
}
async function isExecutable(candidate) {
    try {
        await (0,promises_.access)(candidate, promises_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: ./src/tools/bifrost-checkout.ts
var bifrost_checkout = __nccwpck_require__(527);
;// CONCATENATED MODULE: ./src/tools/prune.ts



/** Builds of one name kept in the tools directory: the one in use and the most recent others. */
const KEPT_BUILDS = 3;
/**
 * A build used this recently is never removed: another run sharing the tools directory (a
 * second checkout on a laptop, a matrix leg on a self-hosted runner) may still start it, as
 * every run does again at its restart between phases.
 */
const RECENT_USE_MS = 24 * 3600 * 1000;
/**
 * Keeps the `keep` most recently used builds `<buildsDir>/<name>-*` and removes the others
 * that were not used within RECENT_USE_MS, so a tools directory that is cached between runs
 * does not grow with every gateway commit. `inUse`, the directory of the build this run uses,
 * is first marked as used now (its modification time) and so is always kept. Pruning only
 * saves space: a failure is logged, never thrown.
 *
 * @param buildsDir the directory holding one directory per build.
 * @param name the builds' name, e.g. "gateway" for gateway-<source hash>.
 * @param inUse the absolute path of the build in use.
 * @returns the directories removed.
 */
async function pruneBuilds(buildsDir, name, inUse, log, keep = KEPT_BUILDS, recentUseMs = RECENT_USE_MS) {
    try {
        const now = new Date();
        await (0,promises_.utimes)(inUse, now, now);
        const builds = [];
        for (const entry of await (0,promises_.readdir)(buildsDir, { withFileTypes: true })) {
            if (!entry.isDirectory() || !entry.name.startsWith(`${name}-`))
                continue;
            const directory = external_node_path_default().join(buildsDir, entry.name);
            builds.push({ directory, usedMs: (await (0,promises_.stat)(directory)).mtimeMs });
        }
        // Newest first; the one in use leads whatever the clock says.
        builds.sort((a, b) => Number(b.directory === inUse) - Number(a.directory === inUse) ||
            b.usedMs - a.usedMs ||
            a.directory.localeCompare(b.directory));
        const removed = builds
            .slice(Math.max(1, keep))
            .filter((build) => now.getTime() - build.usedMs > recentUseMs)
            .map((build) => build.directory);
        for (const directory of removed)
            await (0,promises_.rm)(directory, { recursive: true, force: true });
        if (removed.length > 0) {
            log(`${name}: removed ${removed.length} older build${removed.length === 1 ? '' : 's'} from ${buildsDir}, keeping the ${Math.max(1, keep)} most recently used and any used within ${recentUseMs / 3600_000} h`);
        }
        return removed;
    }
    catch (error) {
        log(`${name}: could not prune old builds in ${buildsDir}: ${(0,errors/* errorMessage */.g)(error)}`);
        return [];
    }
}

;// CONCATENATED MODULE: ./src/tools/go-build.ts








/**
 * Flags of every build. -trimpath (as bifrost's Makefile builds) keeps the checkout's
 * location out of the binary, and -buildvcs=false keeps git state out, so that the same
 * sources give the same binary wherever they are: the hash below relies on it.
 */
const GO_BUILD_FLAGS = ['-trimpath', '-buildvcs=false'];

/** Other files Go compiles into a package besides .go: cgo and assembly sources. */
const NON_GO_SOURCES = /\.(s|S|sx|c|cc|cpp|cxx|h|hh|hpp|hxx|m|f|F|for|f90|syso)$/;
function isBuildInput(fileName) {
    if (fileName.endsWith('.go'))
        return !fileName.endsWith('_test.go');
    return fileName === 'go.mod' || fileName === 'go.sum' || NON_GO_SOURCES.test(fileName);
}
async function isFile(candidate) {
    return (0,promises_.stat)(candidate).then((found) => found.isFile(), () => false);
}
/**
 * Every file under a directory (or the file itself), dotfiles included, as `//go:embed all:`
 * sees it; .git is left out (Go refuses to embed it).
 */
async function allFilesUnder(target) {
    if (await isFile(target))
        return [target];
    const entries = await (0,promises_.readdir)(target, { withFileTypes: true }).catch(() => []);
    const files = [];
    for (const entry of entries) {
        const entryPath = external_node_path_default().join(target, entry.name);
        if (entry.isDirectory() && entry.name !== '.git')
            files.push(...(await allFilesUnder(entryPath)));
        else if (entry.isFile())
            files.push(entryPath);
    }
    return files;
}
/**
 * The files a `//go:embed` pattern may reach from a package directory: the named file or
 * directory, or for a pattern with wildcards, everything under the directory before the
 * first wildcard (more than Go embeds, never less: at worst a needless rebuild).
 */
function embedTarget(packageDir, pattern) {
    const name = pattern.replace(/^all:/, '');
    const wildcard = name.search(/[*?[\\]/);
    if (wildcard < 0)
        return external_node_path_default().join(packageDir, name);
    return external_node_path_default().join(packageDir, external_node_path_default().dirname(`${name.slice(0, wildcard)}x`));
}
/**
 * The files that go into a binary built from moduleDirs: each module's non-test Go files,
 * go.mod and go.sum, cgo/assembly sources (nested modules and directories Go ignores
 * skipped), and every file its `//go:embed` lines may reach. Sorted, absolute.
 */
async function goBuildFiles(moduleDirs) {
    const files = new Set();
    const embedTargets = new Set();
    async function walk(directory, moduleDir) {
        const entries = await (0,promises_.readdir)(directory, { withFileTypes: true });
        if (directory !== moduleDir &&
            entries.some((entry) => entry.isFile() && entry.name === 'go.mod')) {
            return; // another module: in the build only if it is one of moduleDirs
        }
        for (const entry of entries) {
            const entryPath = external_node_path_default().join(directory, entry.name);
            if (entry.isDirectory()) {
                if (!(0,bifrost_checkout/* isSkippedDirectory */.G$)(entry.name))
                    await walk(entryPath, moduleDir);
            }
            else if (entry.isFile() && isBuildInput(entry.name)) {
                files.add(entryPath);
                if (entry.name.endsWith('.go')) {
                    const source = await (0,promises_.readFile)(entryPath, 'utf8');
                    for (const pattern of (0,bifrost_checkout/* embedPatterns */.Pv)(source)) {
                        embedTargets.add(embedTarget(directory, pattern));
                    }
                }
            }
        }
    }
    for (const moduleDir of moduleDirs)
        await walk(moduleDir, moduleDir);
    for (const target of embedTargets) {
        for (const file of await allFilesUnder(target))
            files.add(file);
    }
    return [...files].sort();
}
/**
 * A hash of everything that decides what `go build` produces: the toolchain and its
 * environment, the flags, GOWORK (off, or the workspace file), the overlay and what it
 * adds, and the content and path of every file from goBuildFiles. Paths are taken
 * relative to sourceRoot, so a checkout moved elsewhere keeps its hash (the binary is the
 * same under -trimpath). Same hash, same binary.
 */
async function goBuildHash(inputs) {
    const relative = (text) => text.split(inputs.sourceRoot).join('<sources>');
    const hash = (0,external_node_crypto_.createHash)('sha256');
    hash.update(`toolchain ${inputs.toolchain}\nflags ${inputs.flags.join(' ')}\n`);
    hash.update(`gowork ${inputs.workspace ? relative(inputs.workspace.content) : 'off'}\n`);
    for (const placeholder of inputs.overlay?.placeholders ?? []) {
        hash.update(`overlay ${relative(placeholder)}\0`);
        hash.update(await (0,promises_.readFile)(inputs.overlay?.emptyFilePath ?? '').catch(() => ''));
        hash.update('\0');
    }
    for (const file of await goBuildFiles(inputs.moduleDirs)) {
        hash.update(`${external_node_path_default().relative(inputs.sourceRoot, file)}\0`);
        hash.update(await (0,promises_.readFile)(file));
        hash.update('\0');
    }
    return hash.digest('hex');
}
/**
 * The hash of a single module built on its own (GOWORK=off, default flags), as
 * buildGoBinary computes it for e.g. the mocker.
 */
async function goSourceHash(sourceRoot, toolchain) {
    return goBuildHash({ sourceRoot, moduleDirs: [sourceRoot], toolchain, flags: GO_BUILD_FLAGS });
}
/**
 * The Go toolchain and the settings that change what it builds, as one line:
 * "go1.26.8 linux amd64 CGO_ENABLED=1 GOFLAGS=… GOEXPERIMENT=…" (the first word is the
 * version). Throws a setup error when go cannot be run.
 */
async function goToolchain(env = process.env) {
    const names = ['GOVERSION', 'GOOS', 'GOARCH', 'CGO_ENABLED', 'GOFLAGS', 'GOEXPERIMENT'];
    const result = await (0,exec/* runCommand */.d)(['go', 'env', '-json', ...names], { env });
    if (result.exitCode !== 0) {
        throw new errors/* LoadTestError */.v('setup', `go is needed to build the gateway and the mocker:\n${(0,exec/* outputTail */.c)(result)}`);
    }
    const values = JSON.parse(result.stdout);
    const settings = names.slice(3).map((name) => `${name}=${values[name] ?? ''}`);
    return [values.GOVERSION, values.GOOS, values.GOARCH, ...settings].join(' ');
}
/** Writes a file unless it already holds exactly this content. */
async function writeIfChanged(filePath, content) {
    const current = await (0,promises_.readFile)(filePath, 'utf8').catch(() => undefined);
    if (current === content)
        return;
    await (0,ensure_directory/* ensureDirectory */.E)(external_node_path_default().dirname(filePath));
    const partial = `${filePath}.${process.pid}.partial`;
    await (0,promises_.writeFile)(partial, content);
    await (0,promises_.rename)(partial, filePath);
}
/**
 * `go build` in packageDir (GOWORK set to the workspace file or off, -overlay when given,
 * GO_BUILD_FLAGS), unless a binary built from the same inputs is kept. The workspace and
 * overlay files are written where they say, never into the sources. A failed build throws
 * a setup error naming the directory, the command, GOWORK and the end of Go's output.
 */
async function buildGoBinary(request) {
    const env = request.env ?? process.env;
    const started = Date.now();
    const inputs = {
        sourceRoot: request.sourceRoot,
        moduleDirs: request.moduleDirs ?? [request.sourceRoot],
        toolchain: await goToolchain(env),
        flags: GO_BUILD_FLAGS,
        workspace: request.workspace,
        overlay: request.overlay
    };
    if (request.overlay) {
        await writeIfChanged(request.overlay.emptyFilePath, '');
        await writeIfChanged(request.overlay.overlayPath, request.overlay.content);
    }
    if (request.workspace) {
        await writeIfChanged(request.workspace.goWorkPath, request.workspace.content);
    }
    const sourceHash = await goBuildHash(inputs);
    const outputDir = external_node_path_default().join(request.buildsDir, `${request.name}-${sourceHash.slice(0, 16)}`);
    const binaryPath = external_node_path_default().join(outputDir, request.name);
    if (await isExecutable(binaryPath)) {
        request.log(`${request.name}: sources unchanged (${sourceHash.slice(0, 12)}), reusing ${binaryPath}`);
        await pruneBuilds(request.buildsDir, request.name, outputDir, request.log);
        return { binaryPath, sourceHash, reused: true, buildMs: Date.now() - started };
    }
    await (0,ensure_directory/* ensureDirectory */.E)(outputDir);
    const goWork = request.workspace?.goWorkPath ?? 'off';
    // Build beside the final name and rename, so an interrupted build never looks reusable
    // (the process id keeps two runs building the same sources apart).
    const partialPath = `${binaryPath}.${process.pid}.partial`;
    const argv = [
        'go',
        'build',
        ...GO_BUILD_FLAGS,
        ...(request.overlay ? ['-overlay', request.overlay.overlayPath] : []),
        '-o',
        partialPath,
        '.'
    ];
    request.log(`${request.name}: ${argv.join(' ')} in ${request.packageDir} with GOWORK=${goWork}`);
    const result = await (0,exec/* runCommand */.d)(argv, {
        cwd: request.packageDir,
        env: { ...env, GOWORK: goWork }
    });
    if (result.exitCode !== 0) {
        await (0,promises_.rm)(partialPath, { force: true });
        const hint = request.failureHint?.(`${result.stdout}${result.stderr}`);
        throw new errors/* LoadTestError */.v('setup', [
            `${request.name}: go build failed (exit status ${result.exitCode}).`,
            `  directory: ${request.packageDir}`,
            `  command: ${argv.join(' ')}`,
            `  GOWORK=${goWork}`,
            (0,exec/* outputTail */.c)(result, 30),
            ...(hint ? [hint] : [])
        ].join('\n'));
    }
    await (0,promises_.rename)(partialPath, binaryPath);
    await pruneBuilds(request.buildsDir, request.name, outputDir, request.log);
    const buildMs = Date.now() - started;
    request.log(`${request.name}: built in ${(buildMs / 1000).toFixed(1)} s`);
    return { binaryPath, sourceHash, reused: false, buildMs };
}

;// CONCATENATED MODULE: ./src/tools/mocker.ts







/**
 * The flags a Go program's `-h` lists ("  -name type" lines, which Go's flag package
 * prints to stderr). An empty list when the program cannot be run or prints none.
 */
async function goProgramFlags(binaryPath) {
    const result = await (0,exec/* runCommand */.d)([binaryPath, '-h'], { timeoutMs: 10_000 }).catch(() => undefined);
    if (result === undefined)
        return [];
    const flags = new Set();
    for (const match of `${result.stdout}\n${result.stderr}`.matchAll(/^\s+-([\w.-]+)/gm)) {
        flags.add(match[1]);
    }
    return [...flags];
}
/** The mock provider's binary: given, built from a directory, or built from a git ref. */
async function resolveMocker(source, toolsDir, log) {
    const resolved = await resolveMockerBinary(source, toolsDir, log);
    return { ...resolved, flags: await goProgramFlags(resolved.binaryPath) };
}
async function resolveMockerBinary(source, toolsDir, log) {
    const buildsDir = external_node_path_default().join(toolsDir, 'builds');
    if (source.kind === 'binary') {
        return { binaryPath: source.path, origin: source.path, reused: true };
    }
    if (source.kind === 'directory') {
        const build = await buildGoBinary({
            name: 'mocker',
            packageDir: source.path,
            sourceRoot: source.path,
            buildsDir,
            log
        });
        return {
            binaryPath: build.binaryPath,
            origin: `source ${build.sourceHash.slice(0, 12)}`,
            reused: build.reused
        };
    }
    const checkout = await fetchGitRef(source.repository, source.ref, toolsDir, log);
    const packageDir = external_node_path_default().join(checkout.directory, source.subdirectory);
    const isDirectory = await (0,promises_.stat)(packageDir).then((found) => found.isDirectory(), () => false);
    if (!isDirectory) {
        throw new errors/* LoadTestError */.v('setup', `mocker-subdirectory ${source.subdirectory}: no such directory in mocker-repository ${source.repository} at mocker-ref ${source.ref} (commit ${checkout.commit}); expected the directory of the mock provider's main package.`);
    }
    const build = await buildGoBinary({
        name: 'mocker',
        packageDir,
        sourceRoot: packageDir,
        buildsDir,
        log
    });
    return {
        binaryPath: build.binaryPath,
        origin: `${source.repository}@${checkout.commit}`,
        reused: build.reused
    };
}
/** A shallow fetch of one ref into a directory kept per repository, checked out detached. */
async function fetchGitRef(repository, ref, toolsDir, log) {
    const key = (0,external_node_crypto_.createHash)('sha256').update(repository).digest('hex').slice(0, 16);
    const directory = external_node_path_default().join(toolsDir, 'sources', `git-${key}`);
    await (0,ensure_directory/* ensureDirectory */.E)(directory);
    log(`mocker: fetching ${repository} at ${ref}`);
    const git = async (args) => {
        const result = await (0,exec/* runCommand */.d)(['git', ...args], { cwd: directory });
        if (result.exitCode !== 0) {
            throw new errors/* LoadTestError */.v('setup', `mocker-repository ${repository} at mocker-ref ${ref}: git ${args[0]} failed:\n${(0,exec/* outputTail */.c)(result)}`);
        }
        return result.stdout.trim();
    };
    await git(['init', '--quiet']);
    // "--" keeps a repository or ref from being read as an option.
    await git(['fetch', '--quiet', '--depth', '1', '--', repository, ref]);
    await git(['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD']);
    return { directory, commit: await git(['rev-parse', 'HEAD']) };
}

;// CONCATENATED MODULE: ./src/tools/gateway.ts






/**
 * Where our files for building one checkout live (go.work, the overlay): outside the
 * checkout, in the tools directory, one directory per checkout path.
 */
function gatewayWorkDir(toolsDir, checkoutPath) {
    const key = (0,external_node_crypto_.createHash)('sha256').update(checkoutPath).digest('hex').slice(0, 16);
    return external_node_path_default().join(toolsDir, 'workspaces', `gateway-${key}`);
}
/**
 * Plans the build of a bifrost checkout as upstream builds it, writing nothing: its main
 * package (transports/bifrost-http/), for `local` a go.work using every module of the
 * checkout the gateway depends on (as upstream's load-test script does with go work
 * init/use), for `published` GOWORK=off; and an overlay adding ui/.placeholder when the
 * main package embeds `all:ui` and ui/ has nothing to embed. Exported for cache keys,
 * which need `moduleDirs`. Throws a setup error when the checkout has no main package.
 */
function planGatewayBuild(checkoutPath, modules, workDir) {
    const mainPackageDir = (0,bifrost_checkout/* findMainPackage */.tW)(checkoutPath);
    if (mainPackageDir === undefined) {
        throw new errors/* LoadTestError */.v('setup', `bifrost-path ${checkoutPath}: no bifrost-http main package in transports/bifrost-http/ or transports/.`);
    }
    const placeholders = (0,bifrost_checkout/* embedPlaceholders */.aS)(mainPackageDir);
    const emptyFilePath = external_node_path_default().join(workDir, 'empty-placeholder');
    const overlay = placeholders.length > 0
        ? {
            overlayPath: external_node_path_default().join(workDir, 'overlay.json'),
            emptyFilePath,
            placeholders,
            content: (0,bifrost_checkout/* overlayFile */.tg)(placeholders, emptyFilePath)
        }
        : undefined;
    const mainModule = (0,bifrost_checkout/* moduleOf */.cD)((0,bifrost_checkout/* findGoModules */.L5)(checkoutPath), mainPackageDir);
    if (modules === 'published') {
        return {
            mainPackageDir,
            mainModule,
            modules,
            moduleDirs: [mainModule?.dir ?? mainPackageDir],
            overlay
        };
    }
    const used = (0,bifrost_checkout/* workspaceModules */.Fp)(checkoutPath, mainPackageDir);
    return {
        mainPackageDir,
        mainModule,
        modules,
        moduleDirs: used.map((module) => module.dir),
        workspace: { goWorkPath: external_node_path_default().join(workDir, 'go.work'), content: (0,bifrost_checkout/* goWorkFile */.ye)(used) },
        overlay
    };
}
/**
 * For a `published` build that failed: which required module versions Go could not get,
 * and what to do. Go names them as `module@version`, or, when go.sum lacks them, only by
 * package; the version then comes from the main module's go.mod.
 */
function publishedBuildHint(output, mainModule) {
    const missing = new Set();
    for (const named of output.matchAll(/([\w.~-]+(?:\/[\w.~-]+)+)@(v\d[^\s:]*)/g)) {
        missing.add(`${named[1]} ${named[2]}`);
    }
    for (const [, packagePath = ''] of output.matchAll(/missing go\.sum entry for module providing package (\S+)/g)) {
        const requirement = mainModule?.requires
            .filter((r) => packagePath === r.path || packagePath.startsWith(`${r.path}/`))
            .sort((a, b) => b.path.length - a.path.length)[0];
        missing.add(requirement ? `${requirement.path} ${requirement.version}` : packagePath);
    }
    const goMod = `${mainModule ? external_node_path_default().basename(mainModule.dir) : 'the main module'}/go.mod`;
    const what = missing.size > 0
        ? `Go could not get ${[...missing].join(', ')}, which ${goMod} requires (not published, or not reachable from here)`
        : 'Go could not build against the module versions go.mod pins';
    return `bifrost-modules: published builds with GOWORK=off, against the versions in go.mod; ${what}. Set bifrost-modules: local to build the checkout's own modules in a Go workspace.`;
}
/**
 * The gateway's binary for sources that have one: a bifrost checkout is built as planned
 * by planGatewayBuild (its files are left as they are); a prebuilt binary is used as is.
 * A command-started gateway has no binary to prepare.
 */
async function resolveGatewayBinary(source, toolsDir, log) {
    if (source.kind === 'command')
        return undefined;
    if (source.kind === 'binary')
        return { binaryPath: source.path, origin: source.path, reused: true };
    const modules = source.modules ?? 'local';
    const workDir = gatewayWorkDir(toolsDir, source.path);
    const plan = planGatewayBuild(source.path, modules, workDir);
    const relative = (directory) => external_node_path_default().relative(source.path, directory) || '.';
    if (plan.workspace) {
        log(`gateway: Go workspace ${plan.workspace.goWorkPath} of the checkout's modules: ${plan.moduleDirs.map(relative).join(', ')}`);
    }
    else {
        log(`gateway: bifrost-modules published: GOWORK=off, the module versions go.mod pins`);
    }
    for (const placeholder of plan.overlay?.placeholders ?? []) {
        log(`gateway: ${relative(external_node_path_default().dirname(placeholder))}/ has nothing to embed; adding ${external_node_path_default().basename(placeholder)} through -overlay (the checkout is not modified)`);
    }
    const build = await buildGoBinary({
        name: 'gateway',
        packageDir: plan.mainPackageDir,
        sourceRoot: source.path,
        moduleDirs: plan.moduleDirs,
        workspace: plan.workspace,
        overlay: plan.overlay,
        buildsDir: external_node_path_default().join(toolsDir, 'builds'),
        log,
        failureHint: modules === 'published' ? (output) => publishedBuildHint(output, plan.mainModule) : undefined
    });
    // One directory per checkout path: base-ref worktrees have a new path every run, so old
    // ones are removed as old builds are.
    if (plan.workspace || plan.overlay) {
        await pruneBuilds(external_node_path_default().join(toolsDir, 'workspaces'), 'gateway', workDir, log);
    }
    return {
        binaryPath: build.binaryPath,
        origin: `source ${build.sourceHash.slice(0, 12)} (${modules} modules)`,
        reused: build.reused
    };
}

;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./src/services/ports.ts



/**
 * A port that was free a moment ago. Another program may take it before ours binds it; callers
 * learn that from the service failing to start, not from here.
 */
async function findFreePort(host = '127.0.0.1') {
    const server = (0,external_node_net_namespaceObject.createServer)();
    server.listen({ port: 0, host });
    await (0,external_node_events_namespaceObject.once)(server, 'listening');
    const address = server.address();
    await closeServer(server);
    if (address === null || typeof address === 'string') {
        throw new Error(`could not read the port of a server listening on ${host}`);
    }
    return address.port;
}
/**
 * Throws LoadTestError('input') if port, given by the user as optionName, cannot be bound on host.
 * Only tries to bind it: whatever holds the port is left alone.
 */
async function assertPortFree(port, optionName, host = '127.0.0.1') {
    const server = (0,external_node_net_namespaceObject.createServer)();
    try {
        server.listen({ port, host });
        await (0,external_node_events_namespaceObject.once)(server, 'listening');
    }
    catch (error) {
        const code = error.code;
        const unsetAdvice = `leave ${optionName} unset to let the run pick one`;
        if (code === 'EADDRINUSE') {
            throw new errors/* LoadTestError */.v('input', `${optionName} ${port} is already in use on ${host} by another process; choose a free port or ${unsetAdvice}. bifrost-load-test never stops processes it did not start.`, { cause: error });
        }
        if (code === 'EACCES') {
            throw new errors/* LoadTestError */.v('input', `${optionName} ${port} cannot be used on ${host} without extra privileges; choose a port above 1023 or ${unsetAdvice}.`, { cause: error });
        }
        throw error;
    }
    await closeServer(server);
}
function closeServer(server) {
    return new Promise((resolveClose, rejectClose) => {
        server.close((error) => (error === undefined ? resolveClose() : rejectClose(error)));
    });
}

// EXTERNAL MODULE: ./src/analysis/evaluate.ts + 1 modules
var evaluate = __nccwpck_require__(978);
// EXTERNAL MODULE: ./src/analysis/verdict.ts
var verdict = __nccwpck_require__(319);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __nccwpck_require__(285);
// EXTERNAL MODULE: ./src/load/sizing.ts
var sizing = __nccwpck_require__(264);
// EXTERNAL MODULE: ./src/services/proc-stats.ts
var proc_stats = __nccwpck_require__(208);
;// CONCATENATED MODULE: ./src/engine/probes/process-stats.ts


/**
 * CPU and RSS of the gateway's whole process tree, sampled from /proc every second
 * (services/proc-stats.ts) from the start of the services to their stop, filed under the
 * sampling period of the step that runs (`sampling` of attack and idle steps; the services'
 * generation until the first step names one). One row per period and figure, when the
 * services stop; each sample is also a line of the CSV file.
 */
const PROCESS_STATS_PROBE = 'process-stats';
/** The samples, one CSV line each, in the results directory. */
const PROCESS_STATS_CSV = 'gateway-process-stats.csv';
const GROUP = 'Gateway process stats (whole process tree)';
/** Each figure of a period's summary as a row; the summary's MB are MiB (2^20 bytes). */
const FIGURES = [
    { key: 'cpuAvgPct', metric: 'cpu-avg-pct', label: 'CPU avg', unit: '%', worse: 'higher' },
    { key: 'cpuPeakPct', metric: 'cpu-peak-pct', label: 'CPU peak', unit: '%', worse: 'higher' },
    { key: 'rssAvgMb', metric: 'rss-avg-mib', label: 'RSS avg', unit: 'MiB', worse: 'higher' },
    { key: 'rssPeakMb', metric: 'rss-peak-mib', label: 'RSS peak', unit: 'MiB', worse: 'higher' },
    { key: 'samples', metric: 'samples', label: 'Samples', unit: '', worse: 'neither' }
];
const processStatsProbe = ({ config }) => {
    let sampler;
    return {
        servicesStarted(services) {
            sampler = new proc_stats/* ProcessTreeSampler */.O1({
                rootPid: services.gateway.pid,
                csvPath: external_node_path_default().join(config.resultsDir, PROCESS_STATS_CSV)
            });
            sampler.start(services.generation);
        },
        stepStarted(step) {
            sampler?.setPhase(step.sampling);
        },
        async servicesStopping() {
            const running = sampler;
            sampler = undefined;
            if (!running)
                return [];
            await running.stop();
            return processStatsRows(running.summary());
        }
    };
};
/** The rows of the summaries by sampling period, in their order; a period without samples has none. */
function processStatsRows(summaries) {
    return Object.entries(summaries)
        .filter(([, summary]) => summary.samples > 0)
        .flatMap(([period, summary]) => FIGURES.map(({ key, metric, label, unit, worse }) => ({
        id: `${PROCESS_STATS_PROBE}/${metric}/${period}/gateway`,
        probe: PROCESS_STATS_PROBE,
        metric,
        label,
        group: GROUP,
        unit,
        value: summary[key],
        worse,
        target: 'gateway',
        phase: period,
        shown: 'details'
    })));
}
/** The summaries by sampling period again, from the rows (for the seed's `process_stats`). */
function processStatsSummaries(rows) {
    const summaries = {};
    for (const row of rows) {
        if (row.probe !== PROCESS_STATS_PROBE)
            continue;
        const figure = FIGURES.find((candidate) => candidate.metric === row.metric);
        if (!figure)
            continue;
        const summary = (summaries[row.phase] ??= {
            samples: 0,
            cpuAvgPct: 0,
            cpuPeakPct: 0,
            rssAvgMb: 0,
            rssPeakMb: 0
        });
        summary[figure.key] = row.value;
    }
    return summaries;
}

// EXTERNAL MODULE: ./src/engine/probes/telemetry.ts + 1 modules
var probes_telemetry = __nccwpck_require__(785);
// EXTERNAL MODULE: ./src/report/redact.ts
var report_redact = __nccwpck_require__(30);
// EXTERNAL MODULE: ./src/report/summary.ts
var report_summary = __nccwpck_require__(994);
;// CONCATENATED MODULE: ./src/report/results-json.ts





/** 2: intervals, modes, attacks, valid-response counts; the seed's keys keep their meaning. */
const SCHEMA_VERSION = 2;
const round2 = (value) => Math.round(value * 100) / 100;
const nsToUs = (ns) => round2(ns / 1000);
function latencyUs(latencyNs) {
    return {
        min: nsToUs(latencyNs.min),
        mean: nsToUs(latencyNs.mean),
        p50: nsToUs(latencyNs.p50),
        p90: nsToUs(latencyNs.p90),
        p95: nsToUs(latencyNs.p95),
        p99: nsToUs(latencyNs.p99),
        p999: nsToUs(latencyNs.p999),
        max: nsToUs(latencyNs.max)
    };
}
function phaseJson(phase, metrics) {
    const stats = phase.statistics;
    const telemetry = (0,probes_telemetry/* gatewayTelemetryOf */.xu)(metrics, phase.id);
    return {
        id: phase.id,
        label: phase.label,
        role: phase.role,
        mode: phase.mode,
        target: phase.target,
        attack: phase.attackId,
        url: phase.url,
        configured_rate: phase.configuredRate,
        actual_rate: round2(stats.achievedRate),
        duration: phase.durationS,
        mocker_latency_ms: phase.mockerLatencyMs,
        timeout_s: phase.timeoutS,
        started_at: phase.startedAt,
        wall_s: round2(phase.wallS),
        requests: stats.requests,
        successes: stats.successes,
        success_rate: round2(stats.successRatio * 100),
        status_codes: stats.statusCodes,
        top_errors: stats.topErrors,
        invalid_response: stats.invalidResponse
            ? {
                reason: stats.invalidResponse.reason,
                status_code: stats.invalidResponse.statusCode,
                body: stats.invalidResponse.body
            }
            : null,
        latency_us: latencyUs(stats.latencyNs),
        gateway_telemetry: telemetry
            ? {
                metric: telemetry.metric,
                requests: telemetry.requests,
                mean_us: round2(telemetry.meanUs)
            }
            : null,
        histogram: stats.histogram.map((bucket) => ({
            lower_us: nsToUs(bucket.lowerNs),
            upper_us: nsToUs(bucket.upperNs),
            count: bucket.count
        }))
    };
}
function attackJson(attack) {
    return {
        id: attack.id,
        label: attack.label,
        purpose: attack.purpose,
        mode: attack.mode,
        targets: attack.targets,
        configured_rate: attack.configuredRate,
        actual_rate: round2(attack.statistics.achievedRate),
        requests: attack.statistics.requests,
        peak_in_flight: attack.statistics.peakInFlight,
        workers: attack.workers,
        max_workers: attack.maxWorkers,
        duration: attack.durationS,
        mocker_latency_ms: attack.mockerLatencyMs,
        timeout_s: attack.timeoutS,
        started_at: attack.startedAt,
        wall_s: round2(attack.wallS),
        statistics_lag_s: round2(attack.statisticsLagS),
        cut_short: attack.cutShort,
        results_file: attack.resultsFile
    };
}
function processStatsJson(summary) {
    if (summary === undefined)
        return null;
    return {
        cpu_avg_pct: round2(summary.cpuAvgPct),
        cpu_peak_pct: round2(summary.cpuPeakPct),
        rss_avg_mb: round2(summary.rssAvgMb),
        rss_peak_mb: round2(summary.rssPeakMb),
        samples: summary.samples
    };
}
/** A probe's figure to 6 significant digits: its scale is the probe's, not known here. */
const significant6 = (value) => Number(value.toPrecision(6));
const figureJson = (figure) => ({
    value: significant6(figure.value),
    interval: figure.interval && Number.isFinite(figure.interval.low) && Number.isFinite(figure.interval.high)
        ? { low: significant6(figure.interval.low), high: significant6(figure.interval.high) }
        : null
});
const optionalFigureJson = (figure) => figure ? figureJson(figure) : null;
/** A probe's row as it is: every report can render it again (the PR comment does). */
function metricJson(row) {
    return {
        id: row.id,
        probe: row.probe,
        metric: row.metric,
        label: row.label,
        group: row.group,
        unit: row.unit,
        ...figureJson(row),
        worse: row.worse,
        target: row.target ?? null,
        phase: row.phase,
        mode: row.mode ?? null,
        base: optionalFigureJson(row.base),
        regression: optionalFigureJson(row.regression),
        regression_pct: optionalFigureJson(row.regressionPct),
        requests: row.requests ?? null,
        source: row.source ?? null,
        decimals: row.decimals ?? null,
        shown: row.shown
    };
}
const intervalJson = (interval) => interval && Number.isFinite(interval.low)
    ? { low: round2(interval.low), high: round2(interval.high) }
    : null;
/** The seed's overhead object for one mode, plus its intervals and how they were made. */
function overheadJson(section, record) {
    const config = record.config;
    const stats = section.overhead.statistics;
    return {
        configured_rate: config.rate,
        actual_rate: round2(stats.achievedRate),
        duration: config.overheadDurationS,
        concurrent: (0,sizing/* expectedInFlight */.iO)(config.rate, config.overheadMockerLatencyMs),
        success_rate: round2(stats.successRatio * 100),
        latency_us: Object.fromEntries(section.rows.map((row) => [row.key, round2(row.overheadUs)])),
        interval_us: Object.fromEntries(section.rows.map((row) => [row.key, intervalJson(row.interval)])),
        confidence: section.estimate.confidence,
        interval_method: section.estimate.intervalMethod,
        measurement: section.measurement,
        calibration_phase: section.calibration.id,
        overhead_phase: section.overhead.id
    };
}
/** Head against base for one mode: regression, both overheads, intervals and limits. */
function regressionJson(section) {
    const byStat = (value) => Object.fromEntries(section.rows.map((row) => [row.key, value(row)]));
    return {
        latency_us: byStat((row) => round2(row.regressionUs)),
        interval_us: byStat((row) => intervalJson(row.interval)),
        limit_us: Object.fromEntries(section.rows.flatMap((row) => (row.check ? [[row.key, round2(row.check.limit)]] : []))),
        base_overhead_us: byStat((row) => round2(row.baseUs)),
        base_interval_us: byStat((row) => intervalJson(row.baseInterval)),
        head_overhead_us: byStat((row) => round2(row.headUs)),
        sentence: section.sentence,
        confidence: section.estimate.confidence,
        interval_method: section.estimate.intervalMethod,
        base_phase: section.estimate.basePhaseId,
        head_phase: section.estimate.headPhaseId
    };
}
/**
 * The baseline (baseline-results) beside this run: its overhead and this run's difference
 * per statistic, for non-streaming under the top level and for streaming under `streaming`;
 * difference_us is null for a mode this run did not measure. Informative only.
 */
function baselineJson(record, summary) {
    const baseline = record.config.baseline;
    if (!baseline)
        return null;
    const ofMode = (mode) => {
        const overheadUs = baseline.overheadUs[mode];
        if (!overheadUs)
            return undefined;
        const section = summary.overhead.find((candidate) => candidate.mode === mode);
        const rows = section?.rows.filter((row) => row.vsBaselineUs !== undefined) ?? [];
        return {
            overhead_us: Object.fromEntries(Object.entries(overheadUs).map(([key, value]) => [key, round2(value)])),
            difference_us: rows.length > 0
                ? Object.fromEntries(rows.map((row) => [row.key, round2(row.vsBaselineUs)]))
                : null
        };
    };
    const plain = ofMode('non-streaming');
    const streaming = ofMode('streaming');
    return {
        file: baseline.file,
        timestamp: baseline.timestamp,
        rate: baseline.rate ?? null,
        ...(plain ?? { overhead_us: null, difference_us: null }),
        ...(streaming ? { streaming } : {})
    };
}
/** The seed's stress object for one mode: the last run's success rate, and every run. */
function stressJson(section, record) {
    const last = section.runs.at(-1);
    return {
        rate: record.config.rate,
        duration: section.durationS,
        mocker_latency_ms: section.mockerLatencyMs,
        // The seed reports the last stress run's success rate; every run is listed below.
        success_rate: last ? round2(last.successPct) : null,
        min_success_rate: round2(Math.min(...section.runs.map((run) => run.successPct))),
        runs: section.runs.map((run) => ({
            id: run.phase.id,
            success_rate: round2(run.successPct),
            actual_rate: round2(run.phase.statistics.achievedRate)
        }))
    };
}
/** Seed keys for non-streaming figures, with streaming ones beside them under `streaming`. */
function byMode(sections, render) {
    const plain = sections.find((section) => section.mode === 'non-streaming');
    const streaming = sections.find((section) => section.mode === 'streaming');
    if (!plain && !streaming)
        return null;
    if (!plain)
        return { streaming: render(streaming) };
    return { ...render(plain), ...(streaming ? { streaming: render(streaming) } : {}) };
}
/** The seed's process_stats: overhead and stress (null when not sampled), then any other period. */
function processStatsByPeriodJson(metrics) {
    const byPeriod = processStatsSummaries(metrics);
    return {
        overhead: processStatsJson(byPeriod.overhead),
        stress: processStatsJson(byPeriod.stress),
        ...Object.fromEntries(Object.entries(byPeriod)
            .filter(([period]) => period !== 'overhead' && period !== 'stress')
            .map(([period, stats]) => [period, processStatsJson(stats)]))
    };
}
/**
 * load-test-results.json: the seed's keys (overhead, stress, process_stats, timestamp) with
 * the same meaning — the non-streaming figures — plus `streaming` beside them, intervals,
 * schema_version, the resolved config, every attack and phase, the probes' metric rows, and
 * the verdict.
 */
function buildResultsJson(record, summary = (0,report_summary/* buildSummary */.fR)(record)) {
    return {
        schema_version: SCHEMA_VERSION,
        status: record.status,
        timestamp: record.finishedAt,
        started_at: record.startedAt,
        overhead: byMode(summary.overhead, (section) => overheadJson(section, record)),
        regression: byMode(summary.regression, regressionJson),
        stress: byMode(summary.stress, (section) => stressJson(section, record)),
        baseline: baselineJson(record, summary),
        process_stats: processStatsByPeriodJson(record.metrics),
        metrics: record.metrics.map(metricJson),
        attacks: record.attacks.map(attackJson),
        phases: record.phases.map((phase) => phaseJson(phase, record.metrics)),
        verdict: {
            passed: record.verdict.passed,
            sentence: summary.verdictSentence,
            failures: record.verdict.failures.map((check) => ({
                check: check.id,
                label: check.label,
                category: check.category,
                value: round2(check.value),
                limit: check.limit,
                unit: check.unit,
                detail: check.detail ?? null
            })),
            checks: record.verdict.checks.map((check) => ({
                check: check.id,
                category: check.category,
                mode: check.mode ?? null,
                value: round2(check.value),
                limit: check.limit,
                unit: check.unit,
                bound: check.bound,
                passed: check.passed
            })),
            warnings: record.verdict.warnings
        },
        error: record.failure
            ? {
                kind: record.failure.kind,
                message: record.failure.message,
                phase: record.failure.phase ?? null,
                log_file: record.failure.logFile ?? null,
                log_tail: record.failure.logTail ?? null
            }
            : null,
        tools: record.tools,
        processes: record.processes.map((process) => ({
            name: process.name,
            pid: process.pid,
            log_file: process.logFile,
            ended: process.ended
        })),
        ports: record.ports,
        config: (0,report_redact/* publicConfig */.qF)(record.config)
    };
}

// EXTERNAL MODULE: ./src/report/metric-rows.ts
var metric_rows = __nccwpck_require__(424);
;// CONCATENATED MODULE: ./src/report/exports.ts


const BENCHER_FILE = 'bencher.json';
const BENCHMARK_ACTION_FILE = 'benchmark-action.json';
const modeName = (mode) => (mode === 'streaming' ? ' (streaming)' : '');
const round3 = (value) => Math.round(value * 1000) / 1000;
/** Every overhead (and regression) statistic of a run, with its interval where it has one. */
function figures(summary) {
    const rows = summary.overhead.flatMap((section) => section.rows.map((row) => ({
        name: `gateway overhead${modeName(section.mode)}/${row.title.toLowerCase()}`,
        valueUs: row.overheadUs,
        interval: row.interval
    })));
    const regression = summary.regression.flatMap((section) => section.rows.map((row) => ({
        name: `regression head − base${modeName(section.mode)}/${row.title.toLowerCase()}`,
        valueUs: row.regressionUs,
        interval: row.interval
    })));
    return [...rows, ...regression].filter((figure) => Number.isFinite(figure.valueUs));
}
/** A metric of Bencher Metric Format: the value, and the interval as lower and upper values. */
function bencherMetric(value, interval, scale = 1) {
    const bounds = interval && Number.isFinite(interval.low) ? interval : undefined;
    return {
        value: round3(value * scale),
        ...(bounds
            ? { lower_value: round3(bounds.low * scale), upper_value: round3(bounds.high * scale) }
            : {})
    };
}
/**
 * bencher.json: each statistic of the overhead as a Benchmark with Bencher's built-in
 * `latency` Measure, in nanoseconds as that Measure is, the interval as lower and upper
 * values; and each `headline` metric row of the probes (report/metric-rows.ts) under its
 * own Measure (its metric slug, which Bencher creates when new), in the row's unit. Empty
 * when nothing was measured.
 */
function bencherMetrics(record, summary = (0,report_summary/* buildSummary */.fR)(record)) {
    const metrics = {};
    for (const figure of figures(summary)) {
        metrics[figure.name] = { latency: bencherMetric(figure.valueUs, figure.interval, 1000) };
    }
    for (const figure of (0,metric_rows/* exportedMetrics */.TO)(record.metrics)) {
        metrics[figure.name] = {
            ...metrics[figure.name],
            [figure.measure]: bencherMetric(figure.value, figure.interval)
        };
    }
    return metrics;
}
/**
 * benchmark-action.json: the same statistics for github-action-benchmark's
 * `tool: customSmallerIsBetter`, in µs, the interval as the range; and the `headline`
 * metric rows whose higher values are worse (the only ones "smaller is better" fits), in
 * their own units.
 */
function benchmarkActionEntries(record, summary = (0,report_summary/* buildSummary */.fR)(record)) {
    const entry = (name, unit, value, interval) => {
        const bounds = interval && Number.isFinite(interval.low) ? interval : undefined;
        return {
            name,
            unit,
            value: round3(value),
            ...(bounds
                ? {
                    range: `${round3(bounds.low)} … ${round3(bounds.high)}`,
                    extra: `95% confidence interval; ${record.config.rate} RPS, mock provider latency ${record.config.overheadMockerLatencyMs} ms`
                }
                : {})
        };
    };
    return [
        ...figures(summary).map((figure) => entry(figure.name, 'µs', figure.valueUs, figure.interval)),
        ...(0,metric_rows/* exportedMetrics */.TO)(record.metrics)
            .filter((figure) => figure.worse === 'higher')
            .map((figure) => entry(figure.name, figure.unit, figure.value, figure.interval))
    ];
}

;// CONCATENATED MODULE: ./src/report/write.ts







const RESULTS_JSON_FILE = 'load-test-results.json';
const RESULTS_MARKDOWN_FILE = 'load-test-results.md';
/**
 * Writes the results JSON and Markdown, and the exports for Bencher and
 * github-action-benchmark; each file appears whole (written aside, then renamed).
 */
async function writeReports(record) {
    await (0,ensure_directory/* ensureDirectory */.E)(external_node_path_default().dirname(record.files.json));
    const summary = (0,report_summary/* buildSummary */.fR)(record);
    await writeAtomically(record.files.json, `${JSON.stringify(buildResultsJson(record, summary), null, 2)}\n`);
    await writeAtomically(record.files.markdown, (0,markdown/* renderMarkdown */.Gc)(record, summary));
    const resultsDir = external_node_path_default().dirname(record.files.json);
    await writeAtomically(external_node_path_default().join(resultsDir, BENCHER_FILE), `${JSON.stringify(bencherMetrics(record, summary), null, 2)}\n`);
    await writeAtomically(external_node_path_default().join(resultsDir, BENCHMARK_ACTION_FILE), `${JSON.stringify(benchmarkActionEntries(record, summary), null, 2)}\n`);
}
async function writeAtomically(filePath, content) {
    const partial = `${filePath}.partial`;
    await (0,promises_.writeFile)(partial, content);
    await (0,promises_.rename)(partial, filePath);
}
/** Files an earlier run left in the results directory; nothing else there is touched. */
const PREVIOUS_RUN_FILE = /^(load-test-results\.(json|md)|bencher\.json|benchmark-action\.json|gateway-process-stats\.csv|(mocker|gateway|vegeta)-[\w-]+\.log|vegeta-[\w-]+\.bin)$/;
/**
 * Removes an earlier run's results, so the directory (and the artifact made from it) holds
 * this run's files only, without deleting anything the user keeps beside them.
 */
async function clearPreviousResults(resultsDir) {
    const entries = await (0,promises_.readdir)(resultsDir).catch(() => []);
    await Promise.all(entries
        .filter((name) => PREVIOUS_RUN_FILE.test(name))
        .map((name) => (0,promises_.rm)(external_node_path_default().join(resultsDir, name), { force: true })));
    await (0,promises_.rm)(external_node_path_default().join(resultsDir, 'gateway-app', 'config.json'), { force: true });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: ./src/services/process.ts
var services_process = __nccwpck_require__(729);
// EXTERNAL MODULE: ./src/services/listeners.ts
var listeners = __nccwpck_require__(649);
// EXTERNAL MODULE: ./src/services/strays.ts
var strays = __nccwpck_require__(888);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(421);
;// CONCATENATED MODULE: external "node:readline"
const external_node_readline_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");
;// CONCATENATED MODULE: ./src/load/statistics.ts
/**
 * The value at `percentile` (0..100) of ascending latencies, by the nearest-rank definition:
 * the element at index ceil(p/100 × n) − 1, clamped to the array; no interpolation.
 * Throws a RangeError for an empty array: there is no such value, and NaN would travel
 * silently into reports.
 */
function exactPercentileNs(sortedLatenciesNs, percentile) {
    const n = sortedLatenciesNs.length;
    if (n === 0)
        throw new RangeError('no latencies to take a percentile of');
    if (!(percentile >= 0 && percentile <= 100)) {
        throw new RangeError(`percentile must be within 0..100, got ${percentile}`);
    }
    const rank = (percentile * n) / 100;
    // Trims floating-point noise so that 99.9 % of 1000 is rank 999, not 1000.
    const index = Math.ceil(rank - rank * 1e-12) - 1;
    return sortedLatenciesNs[Math.min(Math.max(index, 0), n - 1)];
}
/**
 * Exact statistics of latencies; sorts the array in place (ascending), so that it can be
 * handed to latencyHistogram afterwards. Throws a RangeError for an empty array.
 */
function latencyStats(latenciesNs) {
    const n = latenciesNs.length;
    if (n === 0)
        throw new RangeError('no latencies to compute statistics of');
    latenciesNs.sort();
    return {
        min: latenciesNs[0],
        mean: compensatedMean(latenciesNs),
        p50: exactPercentileNs(latenciesNs, 50),
        p90: exactPercentileNs(latenciesNs, 90),
        p95: exactPercentileNs(latenciesNs, 95),
        p99: exactPercentileNs(latenciesNs, 99),
        p999: exactPercentileNs(latenciesNs, 99.9),
        max: latenciesNs[n - 1]
    };
}
/**
 * A million latencies of seconds sum beyond 2^53 ns, where a plain sum drops low digits on
 * every addition. Neumaier's compensated sum keeps the rounding error of each addition in
 * a second term; for integer latencies that term is itself exact, so the mean is off by at
 * most a rounding of the final division (far below a nanosecond).
 */
function compensatedMean(values) {
    let sum = 0;
    let compensation = 0;
    for (let i = 0; i < values.length; i++) {
        const value = values[i];
        const next = sum + value;
        compensation += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
        sum = next;
    }
    return sum / values.length + compensation / values.length;
}
/**
 * Counts of ascending latencies in equal-width buckets from the minimum to p99.9, plus one
 * bucket from there to the maximum when values lie beyond, so that a single outlier does
 * not squash every other bucket into the first. Widths are 1, 2 or 5 × 10^k ns (so whole
 * microseconds for any realistic spread) and edges multiples of the width; at most
 * `bucketCount` equal-width buckets. Empty input gives no buckets.
 */
function latencyHistogram(sortedLatenciesNs, bucketCount = 12) {
    if (!Number.isInteger(bucketCount) || bucketCount < 1) {
        throw new RangeError(`bucketCount must be a positive integer, got ${bucketCount}`);
    }
    const n = sortedLatenciesNs.length;
    if (n === 0)
        return [];
    const minNs = sortedLatenciesNs[0];
    const maxNs = sortedLatenciesNs[n - 1];
    const p999Ns = exactPercentileNs(sortedLatenciesNs, 99.9);
    let widthNs = niceWidthAtLeast((p999Ns - minNs) / bucketCount);
    let startNs = Math.floor(minNs / widthNs) * widthNs;
    // Rounding the start down can need one bucket more than asked for: widen until it fits.
    // p99.9 always lies strictly inside the last equal-width bucket.
    while (Math.floor((p999Ns - startNs) / widthNs) + 1 > bucketCount) {
        widthNs = niceWidthAtLeast(widthNs * 1.5);
        startNs = Math.floor(minNs / widthNs) * widthNs;
    }
    const equalBucketCount = Math.floor((p999Ns - startNs) / widthNs) + 1;
    const equalEndNs = startNs + equalBucketCount * widthNs;
    // Sorted: each bucket's count is the distance between the first indices at its edges,
    // which also makes the counts add up to n by construction.
    const buckets = [];
    let lowerIndex = 0;
    for (let i = 0; i < equalBucketCount; i++) {
        const upperNs = startNs + (i + 1) * widthNs;
        const upperIndex = firstIndexAtLeast(sortedLatenciesNs, upperNs);
        buckets.push({ lowerNs: startNs + i * widthNs, upperNs, count: upperIndex - lowerIndex });
        lowerIndex = upperIndex;
    }
    if (lowerIndex < n)
        buckets.push({ lowerNs: equalEndNs, upperNs: maxNs, count: n - lowerIndex });
    return buckets;
}
/** The smallest of 1, 2, 5 × 10^k ns (k ≥ 0) that is at least `widthNs`. */
function niceWidthAtLeast(widthNs) {
    if (widthNs <= 1)
        return 1;
    let decade = 10 ** Math.floor(Math.log10(widthNs));
    // log10 can land just below an exact power of ten.
    if (decade * 10 <= widthNs)
        decade *= 10;
    const multiple = [1, 2, 5].find((candidate) => decade * candidate >= widthNs) ?? 10;
    return decade * multiple;
}
/** Binary search: the first index whose value is ≥ `thresholdNs`, or the length if none. */
function firstIndexAtLeast(sortedValues, thresholdNs) {
    let low = 0;
    let high = sortedValues.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (sortedValues[middle] < thresholdNs)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}
/**
 * The most intervals open at once, given each interval's start and end (same index).
 * Sorts copies of both: O(n log n). An interval ending exactly when another starts does not
 * overlap it. 0 for no intervals.
 */
function peakConcurrency(starts, ends) {
    if (starts.length !== ends.length)
        throw new RangeError('starts and ends differ in length');
    const sortedStarts = starts.slice().sort();
    const sortedEnds = ends.slice().sort();
    let open = 0;
    let peak = 0;
    let endIndex = 0;
    for (let i = 0; i < sortedStarts.length; i++) {
        const start = sortedStarts[i];
        while (endIndex < sortedEnds.length && sortedEnds[endIndex] <= start) {
            open--;
            endIndex++;
        }
        open++;
        if (open > peak)
            peak = open;
    }
    return peak;
}

;// CONCATENATED MODULE: ./src/load/validity.ts
/**
 * Whether a 2xx response is really a chat completion. A gateway that answers at once with
 * `200 {"error": …}` must not pass as fast: only a completion counts as a success.
 *
 * Shapes checked (OpenAI chat completions API, as bifrost and the mock providers answer):
 * - non-streaming: a JSON object with a non-empty `choices` array and no `error`;
 * - streaming: server-sent events whose `data:` payloads are JSON chunks with a `choices`
 *   array (possibly empty, as in a final usage chunk) and no `error`, ending `data: [DONE]`.
 */
const DONE = '[DONE]';
const QUOTED_MESSAGE_CHARS = 160;
/**
 * Why `body` is not a valid answer to a chat request, or undefined when it is one.
 * `truncated` says vegeta kept only the first max-body bytes, so the whole body is unknown.
 */
function invalidChatResponseReason(body, stream, truncated, maxBodyBytes) {
    if (truncated) {
        return `the body is longer than max-body-bytes (${maxBodyBytes} bytes), so it cannot be checked; raise max-body-bytes`;
    }
    const text = body.trim();
    if (text === '')
        return 'the body is empty';
    return stream ? invalidStreamReason(text) : invalidCompletionReason(text);
}
function invalidCompletionReason(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return text.startsWith('data:')
            ? 'the body is a server-sent event stream, but the request was not streaming'
            : 'the body is not JSON';
    }
    if (!isObject(parsed))
        return 'the body is not a JSON object';
    if (parsed.error !== undefined && parsed.error !== null) {
        return `the body is an error object: ${errorText(parsed.error)}`;
    }
    if (!Array.isArray(parsed.choices) || parsed.choices.length === 0) {
        return 'the body has no choices (not a chat completion)';
    }
    return undefined;
}
function invalidStreamReason(text) {
    if (text.startsWith('{') || text.startsWith('[')) {
        const asJson = invalidCompletionReason(text);
        const what = asJson?.startsWith('the body is an error object')
            ? `JSON (${asJson.slice('the body is '.length)})`
            : 'JSON';
        return `the answer to a streaming request is ${what}, not a server-sent event stream`;
    }
    const payloads = [];
    for (const line of text.split(/\r?\n/)) {
        if (line.startsWith('data:'))
            payloads.push(line.slice(5).trim());
    }
    if (payloads.length === 0)
        return 'the body holds no server-sent event (no "data:" line)';
    for (const payload of payloads.slice(0, -1)) {
        const reason = invalidChunkReason(payload);
        if (reason !== undefined)
            return reason;
    }
    const last = payloads.at(-1);
    if (last !== DONE) {
        return invalidChunkReason(last) ?? 'the stream does not end with "data: [DONE]"';
    }
    if (payloads.length === 1)
        return 'the stream holds no chunk before "data: [DONE]"';
    return undefined;
}
function invalidChunkReason(payload) {
    if (payload === DONE)
        return 'the stream sends events after "data: [DONE]"';
    let parsed;
    try {
        parsed = JSON.parse(payload);
    }
    catch {
        return 'an event of the stream is not JSON';
    }
    if (!isObject(parsed))
        return 'an event of the stream is not a JSON object';
    if (parsed.error !== undefined && parsed.error !== null) {
        return `the stream carries an error event: ${errorText(parsed.error)}`;
    }
    if (!Array.isArray(parsed.choices))
        return 'an event of the stream has no choices';
    return undefined;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function errorText(error) {
    const message = isObject(error) && typeof error.message === 'string' ? error.message : undefined;
    const text = message ?? (typeof error === 'string' ? error : JSON.stringify(error));
    return text.length > QUOTED_MESSAGE_CHARS ? `${text.slice(0, QUOTED_MESSAGE_CHARS)}…` : text;
}

;// CONCATENATED MODULE: ./src/load/results.ts








/** Columns of `vegeta encode --to csv` (v12): timestamp, code, latency, …, headers. */
const VEGETA_CSV_FIELD_COUNT = 12;
const TIMESTAMP_FIELD = 0;
const CODE_FIELD = 1;
const LATENCY_FIELD = 2;
const ERROR_FIELD = 5;
const DEFAULT_TOP_ERROR_COUNT = 5;
/**
 * Splits one CSV record (RFC 4180, as Go's encoding/csv writes it) into fields.
 * Returns undefined when a quoted field is still open at the end of the text: the record
 * continues on the next line. Throws an Error describing malformed quoting.
 */
function parseCsvLine(line) {
    const fields = [];
    let position = 0;
    for (;;) {
        if (line.charCodeAt(position) !== QUOTE) {
            const comma = line.indexOf(',', position);
            const end = comma === -1 ? line.length : comma;
            const field = line.slice(position, end);
            if (field.includes('"')) {
                throw new Error(`quote inside unquoted field ${fields.length + 1}`);
            }
            fields.push(field);
            if (comma === -1)
                return fields;
            position = comma + 1;
            continue;
        }
        let field = '';
        let segmentStart = position + 1;
        for (;;) {
            const quote = line.indexOf('"', segmentStart);
            if (quote === -1)
                return undefined;
            field += line.slice(segmentStart, quote);
            if (line.charCodeAt(quote + 1) === QUOTE) {
                field += '"';
                segmentStart = quote + 2;
                continue;
            }
            position = quote + 1;
            break;
        }
        fields.push(field);
        if (position === line.length)
            return fields;
        if (line.charCodeAt(position) !== COMMA) {
            throw new Error(`text after the closing quote of field ${fields.length}`);
        }
        position++;
    }
}
const QUOTE = 0x22;
const COMMA = 0x2c;
const INTEGER = /^\d+$/;
const TIMESTAMP = /^(?:0|[1-9]\d*)$/;
/** Distinct failure reasons counted per target; rarer ones beyond this are pooled. */
const MAX_DISTINCT_ERRORS = 1000;
const OTHER_ERRORS = 'other errors';
/** How much of a failed answer's body the report quotes. */
const EXAMPLE_BODY_CHARS = 600;
const BODY_FIELD = 6;
const URL_FIELD = 10;
/** A Float64Array that doubles when full: 8 bytes a value, not a boxed number each. */
class GrowableFloat64 {
    values = new Float64Array(1024);
    length = 0;
    push(value) {
        if (this.length === this.values.length) {
            const grown = new Float64Array(this.values.length * 2);
            grown.set(this.values);
            this.values = grown;
        }
        this.values[this.length++] = value;
    }
    /** A copy of the values pushed, exactly as long as their count. */
    toArray() {
        return this.values.slice(0, this.length);
    }
}
/**
 * One target's counts, errors and successful latencies; the caller updates the fields per
 * result (as AttackAccumulator and the streaming decoder, stream-results.ts, do).
 */
class TargetAccumulator {
    target;
    requests = 0;
    successes = 0;
    latenciesNs = new GrowableFloat64();
    sendOffsetsNs = new GrowableFloat64();
    /** Count per status code, indexed by the code (HTTP codes have three digits). */
    statusCodeCounts = new Float64Array(1000);
    errors = new Map();
    firstSendNs = Infinity;
    lastSendNs = -Infinity;
    invalidResponse;
    constructor(target) {
        this.target = target;
    }
    countError(reason) {
        const known = this.errors.get(reason);
        if (known !== undefined)
            this.errors.set(reason, known + 1);
        else if (this.errors.size < MAX_DISTINCT_ERRORS)
            this.errors.set(reason, 1);
        else
            this.errors.set(OTHER_ERRORS, (this.errors.get(OTHER_ERRORS) ?? 0) + 1);
    }
    finish(topErrorCount) {
        const requests = this.requests;
        const samples = {
            sendOffsetsNs: this.sendOffsetsNs.toArray(),
            latenciesNs: this.latenciesNs.toArray()
        };
        const sortedNs = samples.latenciesNs.slice();
        const attackSpanS = requests < 2 ? 0 : (this.lastSendNs - this.firstSendNs) / 1e9;
        const topErrors = [...this.errors]
            .map(([error, count]) => ({ error, count }))
            .sort((a, b) => b.count - a.count || (a.error < b.error ? -1 : a.error > b.error ? 1 : 0))
            .slice(0, topErrorCount);
        const statusCodes = {};
        this.statusCodeCounts.forEach((count, code) => {
            if (count > 0)
                statusCodes[String(code)] = count;
        });
        const statistics = {
            requests,
            successes: this.successes,
            successRatio: requests === 0 ? 0 : this.successes / requests,
            statusCodes,
            topErrors,
            ...(this.invalidResponse ? { invalidResponse: this.invalidResponse } : {}),
            attackSpanS,
            // Fewer than 2 requests, or all sent in the same nanosecond, have no rate to measure.
            achievedRate: attackSpanS === 0 ? 0 : (requests - 1) / attackSpanS,
            latencyNs: sortedNs.length === 0
                ? { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 }
                : latencyStats(sortedNs),
            // latencyStats has sorted the copy in place.
            histogram: latencyHistogram(sortedNs)
        };
        return { statistics, samples };
    }
}
/** Requests that got a response, whatever its status: all but those with status code 0. */
function answeredRequests(statistics) {
    return statistics.requests - (statistics.statusCodes['0'] ?? 0);
}
/**
 * Folds the lines of `vegeta encode --to csv` from one attack into statistics per target
 * (told apart by URL) and for the attack as a whole. A request succeeds only with a 2xx
 * status and a chat-completion body (load/validity.ts); failed requests are counted by
 * reason and left out of the latencies. Latencies and send times are kept in Float64Arrays,
 * so a million results cost about 16 MB per copy.
 */
class AttackAccumulator {
    sourceName;
    topErrorCount;
    maxBodyBytes;
    redact;
    byUrl = new Map();
    targetOrder = [];
    lineNumber = 0;
    /** A record whose quoted field spans lines, and the line it started on. */
    pendingRecord;
    pendingLineNumber = 0;
    commaPositions = new Int32Array(VEGETA_CSV_FIELD_COUNT - 1);
    startsNs = new GrowableFloat64();
    endsNs = new GrowableFloat64();
    // Send times relative to the first result seen: whole seconds and the rest, as their
    // sum in ns exceeds 2^53.
    baseSeconds;
    baseNanos = 0;
    /** `sourceName` names the results in error messages (usually the file or the attack). */
    constructor(sourceName, targets, options = {}) {
        const topErrorCount = options.topErrorCount ?? DEFAULT_TOP_ERROR_COUNT;
        if (!Number.isInteger(topErrorCount) || topErrorCount < 0) {
            throw new RangeError(`topErrorCount must be a non-negative integer, got ${topErrorCount}`);
        }
        if (targets.length === 0)
            throw new RangeError('an attack has at least one target');
        this.sourceName = sourceName;
        this.topErrorCount = topErrorCount;
        this.maxBodyBytes = options.maxBodyBytes ?? Infinity;
        this.redact = options.redact ?? ((text) => text);
        for (const target of targets) {
            if (this.byUrl.has(target.url))
                throw new RangeError(`two targets share ${target.url}`);
            const accumulator = new TargetAccumulator(target);
            this.byUrl.set(target.url, accumulator);
            this.targetOrder.push(accumulator);
        }
    }
    /** Results added so far, all targets together. */
    get requests() {
        return this.startsNs.length;
    }
    /** Successful results so far, all targets together. */
    get successes() {
        return this.targetOrder.reduce((sum, target) => sum + target.successes, 0);
    }
    /** Adds one line of output; throws a LoadTestError ('run') for a malformed record. */
    add(csvLine) {
        this.lineNumber++;
        // Most lines have no quotes at all and need no CSV parser.
        if (this.pendingRecord === undefined && !csvLine.includes('"')) {
            this.addUnquotedRecord(csvLine);
            return;
        }
        let record = csvLine;
        let recordLineNumber = this.lineNumber;
        if (this.pendingRecord !== undefined) {
            // readline has consumed the line break inside the quoted field; any break is one.
            record = `${this.pendingRecord}\n${csvLine}`;
            recordLineNumber = this.pendingLineNumber;
            this.pendingRecord = undefined;
        }
        let fields;
        try {
            fields = parseCsvLine(record);
        }
        catch (error) {
            throw this.malformed(recordLineNumber, (0,errors/* errorMessage */.g)(error));
        }
        if (fields === undefined) {
            this.pendingRecord = record;
            this.pendingLineNumber = recordLineNumber;
            return;
        }
        if (fields.length !== VEGETA_CSV_FIELD_COUNT) {
            throw this.malformed(recordLineNumber, fieldCountProblem(fields.length));
        }
        this.addResult(fields[TIMESTAMP_FIELD], fields[CODE_FIELD], fields[LATENCY_FIELD], fields[ERROR_FIELD], fields[BODY_FIELD], fields[URL_FIELD], recordLineNumber);
    }
    /**
     * The statistics of every result added, per target and for the attack. A target without
     * results has all counts, rates and latencies 0 and an empty histogram.
     */
    finish() {
        if (this.pendingRecord !== undefined) {
            throw this.malformed(this.pendingLineNumber, 'quoted field not closed before the end');
        }
        const targets = new Map();
        for (const target of this.targetOrder) {
            targets.set(target.target.name, target.finish(this.topErrorCount));
        }
        const starts = this.startsNs.toArray();
        const ends = this.endsNs.toArray();
        const requests = starts.length;
        let firstNs = Infinity;
        let lastNs = -Infinity;
        for (const start of starts) {
            if (start < firstNs)
                firstNs = start;
            if (start > lastNs)
                lastNs = start;
        }
        const attackSpanS = requests < 2 ? 0 : (lastNs - firstNs) / 1e9;
        return {
            attack: {
                requests,
                attackSpanS,
                achievedRate: attackSpanS === 0 ? 0 : (requests - 1) / attackSpanS,
                peakInFlight: peakConcurrency(starts, ends)
            },
            targets,
            ...(this.baseSeconds === undefined
                ? {}
                : { sendOriginEpochMs: this.baseSeconds * 1000 + this.baseNanos / 1e6 })
        };
    }
    /** Finds the fields by their commas, slicing out only the ones that are needed. */
    addUnquotedRecord(line) {
        const commas = this.commaPositions;
        let position = -1;
        for (let comma = 0; comma < VEGETA_CSV_FIELD_COUNT - 1; comma++) {
            position = line.indexOf(',', position + 1);
            if (position === -1)
                break;
            commas[comma] = position;
        }
        if (position === -1 || line.indexOf(',', position + 1) !== -1) {
            throw this.malformed(this.lineNumber, line === '' ? 'empty line' : fieldCountProblem(line.split(',').length));
        }
        const field = (index) => line.slice(index === 0 ? 0 : commas[index - 1] + 1, index === VEGETA_CSV_FIELD_COUNT - 1 ? line.length : commas[index]);
        this.addResult(field(TIMESTAMP_FIELD), field(CODE_FIELD), field(LATENCY_FIELD), field(ERROR_FIELD), field(BODY_FIELD), field(URL_FIELD), this.lineNumber);
    }
    addResult(timestampNs, code, latencyField, error, bodyBase64, url, recordLineNumber) {
        if (!TIMESTAMP.test(timestampNs)) {
            throw this.malformed(recordLineNumber, `timestamp ${JSON.stringify(timestampNs)}`);
        }
        if (!INTEGER.test(code) || code.length > 3) {
            throw this.malformed(recordLineNumber, `status code ${JSON.stringify(code)}`);
        }
        const latencyNs = INTEGER.test(latencyField) ? Number(latencyField) : NaN;
        if (!Number.isSafeInteger(latencyNs)) {
            throw this.malformed(recordLineNumber, `latency ${JSON.stringify(latencyField)}`);
        }
        const target = this.byUrl.get(url);
        if (target === undefined) {
            throw this.malformed(recordLineNumber, `URL ${JSON.stringify(url)} is none of the targets`);
        }
        const sendNs = this.sendOffsetNs(timestampNs);
        this.startsNs.push(sendNs);
        this.endsNs.push(sendNs + latencyNs);
        target.requests++;
        if (sendNs < target.firstSendNs)
            target.firstSendNs = sendNs;
        if (sendNs > target.lastSendNs)
            target.lastSendNs = sendNs;
        const codeNumber = Number(code);
        target.statusCodeCounts[codeNumber] = target.statusCodeCounts[codeNumber] + 1;
        if (codeNumber < 200 || codeNumber > 299) {
            const status = error !== '' ? error : `HTTP ${codeNumber}`;
            target.countError(status);
            // The gateway's own words on what went wrong (code 0: no answer, nothing to quote).
            if (codeNumber !== 0 && target.invalidResponse === undefined) {
                target.invalidResponse = this.example(`the status is ${status}, not 2xx`, codeNumber, Buffer.from(bodyBase64, 'base64'));
            }
            return;
        }
        const body = Buffer.from(bodyBase64, 'base64');
        const invalid = invalidChatResponseReason(body.toString('utf8'), target.target.stream, body.length >= this.maxBodyBytes, this.maxBodyBytes);
        if (invalid !== undefined) {
            // A reason may quote the body, and a body may echo a key.
            const reason = this.redact(invalid);
            target.countError(`HTTP ${codeNumber}, invalid body: ${reason}`);
            target.invalidResponse ??= this.example(reason, codeNumber, body);
            return;
        }
        target.successes++;
        target.latenciesNs.push(latencyNs);
        target.sendOffsetsNs.push(sendNs);
    }
    /** A failed answer as the report quotes it: its start, secrets replaced. */
    example(reason, statusCode, body) {
        const start = body.subarray(0, EXAMPLE_BODY_CHARS * 4).toString('utf8');
        return { reason, statusCode, body: this.redact(start).slice(0, EXAMPLE_BODY_CHARS) };
    }
    /** ns after the first result seen (negative for one sent earlier: results come as they end). */
    sendOffsetNs(timestampNs) {
        const split = Math.max(0, timestampNs.length - 9);
        const seconds = split === 0 ? 0 : Number(timestampNs.slice(0, split));
        const nanos = Number(timestampNs.slice(split));
        if (this.baseSeconds === undefined) {
            this.baseSeconds = seconds;
            this.baseNanos = nanos;
        }
        return (seconds - this.baseSeconds) * 1e9 + (nanos - this.baseNanos);
    }
    malformed(recordLineNumber, problem) {
        return new errors/* LoadTestError */.v('run', `${this.sourceName}: malformed vegeta result on line ${recordLineNumber}: ${problem}`);
    }
}
function fieldCountProblem(fieldCount) {
    return `${fieldCount} fields where vegeta writes ${VEGETA_CSV_FIELD_COUNT}`;
}
/**
 * Feeds the CSV lines of a readable stream (the stdout of `vegeta encode --to csv`) into
 * an accumulator as they arrive. Resolves once the stream ends; on a malformed record it
 * stops reading, calls `onMalformed` (to stop the writer) and rejects with that error.
 */
async function feedCsvLines(input, accumulator, onMalformed = () => undefined) {
    let malformed;
    const lines = (0,external_node_readline_namespaceObject.createInterface)({ input, crlfDelay: Infinity });
    const linesDone = (0,external_node_events_namespaceObject.once)(lines, 'close');
    lines.on('line', (line) => {
        if (malformed !== undefined)
            return;
        try {
            accumulator.add(line);
        }
        catch (error) {
            malformed = error;
            lines.close();
            // The rest of the output is of no use; unread, it could hold the writer's exit back.
            input.destroy();
            onMalformed();
        }
    });
    await linesDone;
    if (malformed !== undefined)
        throw malformed;
}
/**
 * Statistics of a vegeta results file written earlier (any encoding vegeta reads), split
 * by target as AttackAccumulator does. Streams `vegeta encode --to csv`, so memory grows
 * with the number of results, not with the size of the output. An empty file (an attack
 * that sent nothing) gives zero statistics. Throws LoadTestError ('setup') when vegeta
 * cannot run, ('run') when the file cannot be read or decoded.
 */
async function readVegetaResults(vegetaPath, resultsBinPath, targets, options = {}) {
    const accumulator = new AttackAccumulator(resultsBinPath, targets, options);
    let sizeBytes;
    try {
        sizeBytes = (await stat(resultsBinPath)).size;
    }
    catch (error) {
        const message = `cannot read vegeta results ${resultsBinPath}: ${errorMessage(error)}`;
        throw new LoadTestError('run', message, { cause: error });
    }
    // vegeta encode rejects an empty file ("can't detect encoding").
    if (sizeBytes === 0)
        return accumulator.finish();
    // Absolute, so that a name starting with "-" is not taken for a flag.
    const child = spawn(vegetaPath, ['encode', '-to', 'csv', path.resolve(resultsBinPath)], {
        stdio: ['ignore', 'pipe', 'pipe']
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-4096);
    });
    const exited = new Promise((resolve, reject) => {
        child.on('error', (error) => {
            const message = `could not run ${vegetaPath}: ${error.code ?? error.message}`;
            reject(new LoadTestError('setup', message, { cause: error }));
        });
        child.on('close', (code, signal) => resolve({ code, signal }));
    });
    const fed = feedCsvLines(child.stdout, accumulator, () => child.kill());
    const [{ code, signal }] = await Promise.all([exited, fed]);
    if (code !== 0) {
        const exit = code === null ? `signal ${signal}` : `exit status ${code}`;
        throw new LoadTestError('run', `vegeta encode could not decode ${resultsBinPath} (${exit}): ${stderr.trim()}`);
    }
    return accumulator.finish();
}

;// CONCATENATED MODULE: ./src/load/attack.ts





const toMs = (seconds) => `${Math.round(seconds * 1000)}ms`;
/**
 * vegeta's argv for one attack. Results go to stdout (gob), to be decoded while the attack
 * runs; -max-body keeps enough of each body to check it is a chat completion.
 */
function attackArgv(vegetaPath, plan) {
    return [
        vegetaPath,
        'attack',
        '-format=json',
        `-targets=${plan.targetsFile}`,
        `-name=${plan.name}`,
        `-rate=${plan.rate}/1s`,
        `-duration=${toMs(plan.durationS)}`,
        `-timeout=${toMs(plan.timeoutS)}`,
        `-workers=${plan.workers}`,
        `-max-workers=${plan.maxWorkers}`,
        `-max-body=${plan.maxBodyBytes}`
    ];
}
/**
 * Runs one vegeta attack and decodes its results while it runs: `vegeta attack` writes gob
 * to a pipe that is copied both to `resultsFile` and into `vegeta encode --to csv`, whose
 * lines go into the accumulator. So the statistics are ready as soon as the last result is
 * decoded, however long the attack. Throws LoadTestError ('run') when vegeta fails or a
 * result is malformed; an aborted attack is not an error (outcome.aborted).
 */
async function runAttack(vegetaPath, plan, accumulator, options = {}) {
    const startedMs = performance.now();
    const attack = (0,services_process/* startProcess */.kp)({
        name: `vegeta attack (${plan.name})`,
        argv: attackArgv(vegetaPath, plan),
        logFile: plan.logFile,
        pipeStdout: true
    });
    const encode = (0,services_process/* startProcess */.kp)({
        name: `vegeta encode (${plan.name})`,
        argv: [vegetaPath, 'encode', '-to', 'csv'],
        logFile: plan.logFile,
        pipeStdin: true,
        pipeStdout: true
    });
    const attackOut = attack.stdout;
    const encodeIn = encode.stdin;
    const encodeOut = encode.stdout;
    if (!attackOut || !encodeIn || !encodeOut)
        throw new Error('vegeta pipes were not opened');
    let aborted = false;
    let bytesOut = 0;
    const abort = () => {
        aborted = true;
        // SIGINT makes vegeta stop attacking and flush the results it has.
        if (attack.running)
            process.kill(attack.pid, 'SIGINT');
    };
    if (options.abortSignal?.aborted)
        abort();
    options.abortSignal?.addEventListener('abort', abort, { once: true });
    const progressTimer = setInterval(() => options.onProgress?.({
        elapsedS: (performance.now() - startedMs) / 1000,
        requests: accumulator.requests,
        successes: accumulator.successes
    }), 1000);
    // Reported by the exit status of encode; without a listener it would crash the process.
    encodeIn.on('error', () => undefined);
    const file = (0,external_node_fs_.createWriteStream)(plan.resultsFile);
    attackOut.on('data', (chunk) => {
        bytesOut += chunk.length;
    });
    attackOut.pipe(file);
    attackOut.pipe(encodeIn);
    let attackEndedMs;
    try {
        const fed = feedCsvLines(encodeOut, accumulator, () => {
            abort();
            if (encode.running)
                process.kill(encode.pid, 'SIGTERM');
        });
        // Awaited below, after the attack's exit; this only keeps an early rejection handled.
        fed.catch(() => undefined);
        const attackExit = await attack.exited;
        attackEndedMs = performance.now();
        await Promise.all([(0,external_node_stream_promises_namespaceObject.finished)(file), fed]);
        const encodeExit = await encode.exited;
        if (attackExit.code !== 0 && !aborted) {
            throw new errors/* LoadTestError */.v('run', `vegeta attack for ${plan.name} ${attack.exitDescription()}; see ${plan.logFile}:\n${attack.logTail(10)}`, { logFile: plan.logFile, logTail: attack.logTail(20) });
        }
        // With no results at all, encode cannot tell the encoding and fails: nothing to decode.
        if (encodeExit.code !== 0 && bytesOut > 0) {
            throw new errors/* LoadTestError */.v('run', `vegeta encode for ${plan.name} ${encode.exitDescription()}; see ${plan.logFile}:\n${encode.logTail(10)}`, { logFile: plan.logFile, logTail: encode.logTail(20) });
        }
    }
    finally {
        clearInterval(progressTimer);
        options.abortSignal?.removeEventListener('abort', abort);
        await Promise.all([attack.stop(), encode.stop()]);
    }
    const results = accumulator.finish();
    const endedMs = performance.now();
    return {
        wallS: (endedMs - startedMs) / 1000,
        statisticsLagS: attackEndedMs === undefined ? 0 : (endedMs - attackEndedMs) / 1000,
        aborted,
        results
    };
}

;// CONCATENATED MODULE: ./src/load/targets.ts

/** The chat request every phase sends, as in the seed; streaming adds `"stream": true`. */
function chatRequestBody(model, stream = false) {
    return JSON.stringify({
        model,
        messages: [{ role: 'user', content: 'Hello, how are you?' }],
        ...(stream ? { stream: true } : {})
    });
}
/** A vegeta JSON target (`-format=json`): header values are lists, the body is base64. */
function vegetaJsonTarget(target) {
    const header = { 'Content-Type': ['application/json'] };
    for (const [name, value] of Object.entries(target.headers))
        header[name] = [value];
    return JSON.stringify({
        method: 'POST',
        url: target.url,
        header,
        body: Buffer.from(chatRequestBody(target.model, target.stream)).toString('base64')
    });
}
/** Every order of the items, each item in each position equally often (n! orders). */
function permutations(items) {
    if (items.length <= 1)
        return [[...items]];
    return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
        item,
        ...rest
    ]));
}
/**
 * Writes a targets file in which every order of the targets follows the others (for
 * direct and gateway: direct, gateway, gateway, direct). vegeta hands its targets out
 * round-robin, so an attack at N × rate sends `rate` to each target, alternating, and each
 * target is as often first, second or last of its turn: no target always follows another,
 * so whatever depends on the position in the sequence weighs on all alike. Results are
 * told apart by URL, so the URLs must differ; throws an Error when they do not.
 */
async function writeTargetsFile(filePath, targets) {
    if (targets.length === 0)
        throw new Error('an attack needs at least one target');
    const urls = new Set(targets.map((target) => target.url));
    if (urls.size !== targets.length) {
        throw new Error(`targets ${targets.map((target) => target.name).join(', ')} share a URL; results could not be told apart`);
    }
    const lines = permutations(targets.map(vegetaJsonTarget)).flat();
    await (0,promises_.writeFile)(filePath, lines.map((line) => `${line}\n`).join(''));
}

// EXTERNAL MODULE: ./src/services/launch.ts
var launch = __nccwpck_require__(861);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __nccwpck_require__(11);
;// CONCATENATED MODULE: ./src/analysis/warmup.ts

/** How much of a failed answer's body a one-line message quotes. */
const QUOTED_BODY_CHARS = 300;
/** Who answers a target's requests, as a sentence names it. */
const SERVER_OF = {
    direct: 'the mock provider',
    gateway: 'the gateway',
    head: 'the gateway',
    base: 'the base gateway'
};
/**
 * Judges a warm-up's phases: a target whose valid share is below `minSuccessPct` (the
 * minimum success rate, min-stress-success-rate) is not working — a dead or misconfigured
 * gateway, or a failing mock provider for the direct requests — and measuring it would only
 * time its failures. Returns the first such target (the mock provider before the gateways:
 * without it nothing can be measured) with a one-line message quoting its first failed
 * answer, or undefined when every target may be measured. A phase without a request is not
 * judged. Pure.
 */
function warmupFailure(phases, minSuccessPct) {
    const order = ['direct', 'base', 'gateway', 'head'];
    const failing = phases
        .filter((phase) => phase.statistics.requests > 0)
        .filter((phase) => (0,verdict/* successPct */.XU)(phase.statistics) < minSuccessPct)
        .sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target))[0];
    if (failing === undefined)
        return undefined;
    const stats = failing.statistics;
    const server = SERVER_OF[failing.target];
    const reasons = stats.topErrors
        .slice(0, 2)
        .map((error) => `${error.count} × ${error.error}`)
        .join('; ');
    const example = stats.invalidResponse;
    const quoted = example
        ? ` Its first failed answer: HTTP ${example.statusCode} (${example.reason}): ${oneLine(example.body)}`
        : '';
    const sentence = `${server} answered ${stats.successes} of ${stats.requests} warm-up requests validly (${(0,verdict/* successPct */.XU)(stats).toFixed(2)}%, below the minimum success rate of ${minSuccessPct.toFixed(2)}%${reasons ? `: ${reasons}` : ''}), so it is not working and the run stops before measuring.`;
    return {
        target: failing.target,
        message: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${quoted}`
    };
}
function oneLine(body) {
    if (body === '')
        return '(empty body)';
    const flat = body.replace(/\s*\n\s*/g, ' ');
    return flat.length > QUOTED_BODY_CHARS ? `${flat.slice(0, QUOTED_BODY_CHARS)}…` : flat;
}

;// CONCATENATED MODULE: ./src/engine/plan.ts
/** The seed's timeout for calibration and overhead requests: mocker latency + 5 s. */
const overheadTimeoutS = (mockerLatencyMs) => mockerLatencyMs / 1000 + 5;
/** The seed's timeout for stress requests: 30 s, or mocker latency + 5 s if longer. */
const stressTimeoutS = (mockerLatencyMs) => Math.max(30, mockerLatencyMs / 1000 + 5);
/** Every step is watched by the process-stats probe; measured attacks also read telemetry. */
const SAMPLED = ['process-stats'];
const MEASURED = ['telemetry', 'process-stats'];
const modeSuffix = (mode) => (mode === 'streaming' ? '-streaming' : '');
const modeLabel = (mode) => (mode === 'streaming' ? ' (streaming)' : '');
/**
 * The schedule for a config, after the seed with its known weaknesses fixed:
 *
 * 1. start the mock provider and the gateway;
 * 2. per mode: a warm-up against every target (not measured), then calibration (direct to
 *    the mock provider) and overhead (through the gateway, and through the base gateway when
 *    comparing), interleaved in one attack or, with `measurement: sequential`, one after the
 *    other as the seed does;
 * 3. restart both, so no pooled connection from the overhead phases survives, with the mock
 *    provider closing idle connections before the idle period ends (so pooled connections do
 *    go stale between stress runs, the case maximhq/bifrost#4496 was about);
 * 4. per mode: the stress runs, separated by the idle period; then stop.
 *
 * Stress runs get no warm-up: they exist to catch what happens to connections left idle.
 * Every attack and idle period is sampled by the process-stats probe; the measured attacks
 * also read the gateways' telemetry.
 */
function planRun(config) {
    const compared = config.base !== undefined;
    const steps = [
        {
            kind: 'start-services',
            generation: 'overhead',
            label: compared
                ? 'Starting the mock provider, the gateway and the base gateway'
                : 'Starting the mock provider and the gateway',
            mockerLatencyMs: config.overheadMockerLatencyMs,
            withBase: compared
        }
    ];
    const latencyMs = config.overheadMockerLatencyMs;
    const common = {
        kind: 'attack',
        ratePerTarget: config.rate,
        mockerLatencyMs: latencyMs,
        timeoutS: overheadTimeoutS(latencyMs)
    };
    for (const mode of config.modes) {
        const suffix = modeSuffix(mode);
        const sampling = `overhead${suffix}`;
        if (config.warmupDurationS > 0) {
            steps.push({
                ...common,
                id: `warmup${suffix}`,
                label: `Warm-up${modeLabel(mode)}`,
                purpose: 'warmup',
                mode,
                durationS: config.warmupDurationS,
                sampling: 'warmup',
                probes: SAMPLED,
                phases: [
                    {
                        target: 'direct',
                        id: `warmup${suffix}-direct`,
                        label: `Warm-up, direct${modeLabel(mode)}`,
                        role: 'warmup'
                    },
                    ...(compared
                        ? [
                            {
                                target: 'base',
                                id: `warmup${suffix}-base`,
                                label: `Warm-up, through the base gateway${modeLabel(mode)}`,
                                role: 'warmup'
                            }
                        ]
                        : []),
                    {
                        target: 'gateway',
                        id: `warmup${suffix}-gateway`,
                        label: `Warm-up, through the gateway${modeLabel(mode)}`,
                        role: 'warmup'
                    }
                ]
            });
        }
        const calibration = {
            target: 'direct',
            id: `calibration${suffix}`,
            label: `Calibration${modeLabel(mode)}`,
            role: 'calibration'
        };
        const overhead = {
            target: 'gateway',
            id: `overhead${suffix}`,
            label: `Overhead${modeLabel(mode)}`,
            role: 'overhead'
        };
        const base = {
            target: 'base',
            id: `overhead${suffix}-base`,
            label: `Overhead of the base${modeLabel(mode)}`,
            role: 'base-overhead'
        };
        const measuredPhases = compared ? [calibration, base, overhead] : [calibration, overhead];
        const measured = {
            ...common,
            purpose: 'measure',
            mode,
            durationS: config.overheadDurationS,
            sampling,
            probes: MEASURED
        };
        if (config.measurement === 'interleaved') {
            steps.push({
                ...measured,
                id: `overhead${suffix}`,
                label: `Calibration and overhead${compared ? ', base and head' : ''}, interleaved${modeLabel(mode)}`,
                phases: measuredPhases
            });
        }
        else {
            steps.push(...measuredPhases.map((phase) => ({
                ...measured,
                id: phase.id,
                label: phase.label,
                phases: [phase]
            })));
        }
    }
    steps.push({ kind: 'stop-services', label: 'Restarting the mock provider and the gateway' }, {
        kind: 'start-services',
        generation: 'stress',
        label: 'Restarting the mock provider and the gateway',
        mockerLatencyMs: config.stressMockerLatencyMs,
        // Stress runs are about the code under test: the base is not restarted for them.
        withBase: false,
        ...(config.stressRuns > 1 && config.stressIdleS > 0
            ? { mockerIdleTimeoutS: mockerIdleTimeoutS(config.stressIdleS) }
            : {})
    });
    for (const mode of config.modes) {
        const suffix = modeSuffix(mode);
        for (let run = 1; run <= config.stressRuns; run++) {
            if (run > 1) {
                steps.push({
                    kind: 'idle',
                    id: `idle${suffix}-${run - 1}`,
                    label: `Idle before stress #${run}${modeLabel(mode)}`,
                    durationS: config.stressIdleS,
                    sampling: `stress${suffix}`,
                    probes: SAMPLED
                });
            }
            const id = `stress${suffix}-${run}`;
            const label = `Stress #${run}${modeLabel(mode)}`;
            steps.push({
                kind: 'attack',
                id,
                label,
                purpose: 'stress',
                mode,
                phases: [{ target: 'gateway', id, label, role: 'stress' }],
                ratePerTarget: config.rate,
                durationS: config.stressDurationS,
                mockerLatencyMs: config.stressMockerLatencyMs,
                timeoutS: stressTimeoutS(config.stressMockerLatencyMs),
                sampling: `stress${suffix}`,
                probes: SAMPLED
            });
        }
    }
    steps.push({ kind: 'stop-services', label: 'Stopping the mock provider and the gateway' });
    return steps;
}
/**
 * The mock provider's idle timeout during the stress runs: half the idle period, so every
 * connection pooled during a run is closed by the provider well before the next run starts.
 */
function mockerIdleTimeoutS(stressIdleS) {
    return stressIdleS / 2;
}
/** Every probe some step of the plan names, each once, in the order first named. */
function probesOf(plan) {
    const names = plan.flatMap((step) => step.kind === 'attack' || step.kind === 'idle' ? (step.probes ?? []) : []);
    return [...new Set(names)];
}
/** The attack steps of a plan, in order. */
function attackSteps(plan) {
    return plan.filter((step) => step.kind === 'attack');
}

;// CONCATENATED MODULE: ./src/engine/probes/index.ts


/**
 * Every measurement probe, by the name a plan step uses for it: adding a probe is one file
 * in this directory, its name in plan.ts's ProbeName and one line here.
 */
const PROBES = {
    [probes_telemetry/* TELEMETRY_PROBE */.PJ]: probes_telemetry/* telemetryProbe */._x,
    [PROCESS_STATS_PROBE]: processStatsProbe
};

// EXTERNAL MODULE: ./src/analysis/interval.ts
var interval = __nccwpck_require__(561);
;// CONCATENATED MODULE: ./src/engine/probes/slices.ts

/** The slices of an attack of `durationS` seconds (> 0). Throws a RangeError otherwise. */
function sliceSchedule(durationS) {
    if (!(durationS > 0))
        throw new RangeError(`an attack lasts more than 0 s, got ${durationS}`);
    const count = (0,interval/* blockCountFor */.Oc)(durationS);
    const lengthMs = (durationS * 1000) / count;
    return {
        count,
        lengthMs,
        boundariesMs: Array.from({ length: count + 1 }, (_, index) => index * lengthMs)
    };
}
/**
 * Calls `onBoundary` for each boundary of `schedule`, in order: boundary 0 at once (before
 * this returns), each later one when due, timed from the start (so lateness never adds up).
 * A timer that fires late calls every boundary now due, in order, each with the time it was
 * really reached. The wall-clock times are the start's wall clock plus monotonic time since,
 * so a clock step during the attack moves none of them.
 */
function startSliceClock(schedule, onBoundary) {
    const startedAtMs = performance.now();
    const startedAtEpochMs = Date.now();
    let next = 0;
    let timer;
    let stopped = false;
    const fireDue = () => {
        timer = undefined;
        while (!stopped && next < schedule.boundariesMs.length) {
            const plannedMs = schedule.boundariesMs[next];
            const atMs = performance.now() - startedAtMs;
            if (atMs < plannedMs) {
                timer = setTimeout(fireDue, Math.ceil(plannedMs - atMs));
                return;
            }
            onBoundary({ index: next, plannedMs, atMs, epochMs: startedAtEpochMs + atMs });
            next++;
        }
    };
    fireDue();
    return {
        startedAtMs,
        startedAtEpochMs,
        stop: () => {
            stopped = true;
            clearTimeout(timer);
        }
    };
}
/**
 * How many of a target's valid requests fall in each interval between consecutive
 * readings: `readingsEpochMs` are the readings' wall-clock times (ascending), so the result
 * has one count fewer. A request counts where it was `sent`, or where it was `answered`
 * (send time + latency); one before the first reading or at or after the last is not
 * counted. `sendOriginEpochMs` is where the samples' send offsets count from
 * (AttackResults.sendOriginEpochMs). Throws a RangeError for fewer than 2 readings or
 * readings out of order.
 */
function requestsPerSlice(samples, readingsEpochMs, sendOriginEpochMs, by) {
    if (readingsEpochMs.length < 2) {
        throw new RangeError(`need at least 2 readings, got ${readingsEpochMs.length}`);
    }
    for (let index = 1; index < readingsEpochMs.length; index++) {
        if (readingsEpochMs[index] < readingsEpochMs[index - 1]) {
            throw new RangeError(`reading ${index} is earlier than reading ${index - 1}`);
        }
    }
    const counts = new Array(readingsEpochMs.length - 1).fill(0);
    for (let i = 0; i < samples.sendOffsetsNs.length; i++) {
        const offsetNs = samples.sendOffsetsNs[i] +
            (by === 'answered' ? samples.latenciesNs[i] : 0);
        const atEpochMs = sendOriginEpochMs + offsetNs / 1e6;
        const slice = sliceIndexOf(readingsEpochMs, atEpochMs);
        if (slice !== undefined)
            counts[slice] = counts[slice] + 1;
    }
    return counts;
}
/** The interval [r[k], r[k+1]) holding `at`, by binary search; undefined outside them all. */
function sliceIndexOf(readings, at) {
    if (at < readings[0] || at >= readings[readings.length - 1]) {
        return undefined;
    }
    let low = 0;
    let high = readings.length - 1;
    while (high - low > 1) {
        const middle = (low + high) >>> 1;
        if (readings[middle] <= at)
            low = middle;
        else
            high = middle;
    }
    return low;
}

;// CONCATENATED MODULE: ./src/engine/probes/probe-set.ts



/**
 * A run's probes, called through the hooks of engine/probes/probe.ts for any probe alike:
 * the executor tells it what happens, and it tells the probes a step names. A hook that
 * throws is reported through `note` (probe, moment, message) and the run goes on.
 */
class ProbeSet {
    note;
    probes;
    /** `registry`: where the names are looked up (the tests give their own probes). */
    constructor(names, setup, note, registry = PROBES) {
        this.note = note;
        this.probes = new Map(names.map((name) => {
            const factory = registry[name];
            if (!factory)
                throw new RangeError(`no probe is named ${name}`);
            return [name, factory(setup)];
        }));
    }
    /** Tells every probe that the services are ready. */
    async servicesStarted(services) {
        for (const [name, probe] of this.probes) {
            await this.guard(name, 'when the services started', () => probe.servicesStarted?.(services));
        }
    }
    /** Asks every probe for its rows of the services' lifetime, before they stop. */
    async servicesStopping(services) {
        const rows = [];
        for (const [name, probe] of this.probes) {
            rows.push(...((await this.guard(name, 'when the services stopped', () => probe.servicesStopping?.(services))) ?? []));
        }
        return rows;
    }
    /** Tells the probes the step names that it begins. */
    async stepStarted(step, services) {
        for (const [name, probe] of this.of(step)) {
            await this.guard(name, `at the start of ${step.label}`, () => probe.stepStarted?.(step, services));
        }
    }
    /**
     * Runs `attack` (vegeta, until every result is decoded) with the probes the step names
     * around it: beforeAttack, then a slice clock calling atSliceBoundary from the attack's
     * start to its planned end (stopped when the attack returns, and every reading awaited),
     * then afterAttack. Returns the attack's outcome and the probes' rows; an attack that
     * throws is thrown on, after its readings have settled.
     */
    async measureAttack(step, services, attack) {
        const probes = this.of(step);
        const probed = { step, services, slices: sliceSchedule(step.durationS) };
        for (const [name, probe] of probes) {
            await this.guard(name, `before ${step.label}`, () => probe.beforeAttack?.(probed));
        }
        const timed = probes.filter(([, probe]) => probe.atSliceBoundary !== undefined);
        const readings = [];
        const clock = timed.length === 0
            ? undefined
            : startSliceClock(probed.slices, (boundary) => {
                for (const [name, probe] of timed) {
                    readings.push(this.guard(name, `at slice boundary ${boundary.index} of ${step.label}`, () => probe.atSliceBoundary?.(probed, boundary)));
                }
            });
        let outcome;
        try {
            outcome = await attack();
        }
        finally {
            clock?.stop();
            await Promise.all(readings);
        }
        const rows = [];
        for (const [name, probe] of probes) {
            rows.push(...((await this.guard(name, `after ${step.label}`, () => probe.afterAttack?.(probed, outcome))) ?? []));
        }
        return { outcome, rows };
    }
    /** The probes a step names, in its order; a name the run has no probe for is skipped. */
    of(step) {
        return (step.probes ?? []).flatMap((name) => {
            const probe = this.probes.get(name);
            return probe ? [[name, probe]] : [];
        });
    }
    /** Calls a hook; a throw or rejection becomes a note, and undefined. */
    async guard(name, when, hook) {
        try {
            return await hook();
        }
        catch (error) {
            this.note(`The ${name} probe failed ${when} (${(0,errors/* errorMessage */.g)(error)}), so its figures for it are missing.`);
            return undefined;
        }
    }
}

// EXTERNAL MODULE: ./src/engine/services.ts + 2 modules
var engine_services = __nccwpck_require__(10);
;// CONCATENATED MODULE: ./src/engine/executor.ts

















/**
 * Runs a plan step by step, with the measurement probes its steps name (engine/probes)
 * around them; their rows go to record.metrics. Whatever happens — a step fails, a service
 * dies, the run is interrupted — every process started meanwhile (services, vegeta) is
 * stopped before this returns, what completed stays in the record, and the reason is
 * recorded as its failure. Never throws for a failure of the run itself.
 */
async function executePlan(plan, context) {
    const { record, emit } = context;
    const startedProcesses = [];
    const stopWatchingStarts = (0,services_process/* onProcessStarted */.qZ)((process) => {
        startedProcesses.push(process);
        context.onProcessStarted?.(process);
    });
    const interruption = interruptionOf(context.abortSignal);
    let services;
    let currentStep = 'setup';
    // Why the running step must stop early: a service exited, or the run was interrupted.
    const stopReason = () => services ? Promise.race([services.firstExit, interruption.promise]) : interruption.promise;
    const probes = new ProbeSet(probesOf(plan), { config: context.config }, (note) => record.notes.push(note));
    const finishProbes = async (running) => {
        record.metrics.push(...(await probes.servicesStopping(running)));
    };
    try {
        for (const step of plan) {
            interruption.throwIfInterrupted();
            currentStep = step.label;
            switch (step.kind) {
                case 'start-services':
                    services = await startStep(step, context);
                    await probes.servicesStarted(services);
                    break;
                case 'stop-services':
                    if (services) {
                        await finishProbes(services);
                        await noteMockerLogging(services, context);
                        const running = services;
                        services = undefined;
                        record.notes.push(...(await (0,engine_services/* stopServices */.RU)(running)));
                    }
                    break;
                case 'idle':
                    if (services)
                        await probes.stepStarted(step, services);
                    await idle(step, stopReason(), emit);
                    break;
                case 'attack': {
                    if (!services)
                        throw new Error(`attack ${step.id} planned with no services running`);
                    await probes.stepStarted(step, services);
                    const stoppedBy = await attackStep(step, services, stopReason(), context, probes);
                    // What a cut-short attack measured is kept; then the run stops with the reason.
                    if (stoppedBy)
                        throw stoppedBy;
                    break;
                }
            }
        }
    }
    catch (error) {
        record.failure = {
            kind: error instanceof errors/* LoadTestError */.v ? error.kind : 'run',
            message: (0,errors/* errorMessage */.g)(error),
            phase: currentStep,
            logFile: error instanceof errors/* LoadTestError */.v ? error.logFile : undefined,
            logTail: error instanceof errors/* LoadTestError */.v ? error.logTail : undefined
        };
    }
    finally {
        interruption.dispose();
        if (services)
            await finishProbes(services);
        stopWatchingStarts();
        await Promise.all(startedProcesses.map((process) => process.stop()));
        // What of ours outlived its process group (found by run token) is stopped; a stranger on
        // the services' ports is named (and never signalled).
        await (0,strays/* stopWhatOutlivedServices */.vh)((0,listeners/* servicePorts */.E1)(context.ports)).then((stopped) => record.notes.push(...stopped), (error) => {
            record.failure ??= { kind: 'setup', message: (0,errors/* errorMessage */.g)(error), phase: 'cleanup' };
        });
        record.processes.push(...startedProcesses.map((process) => ({
            name: process.name,
            pid: process.pid,
            logFile: process.logFile,
            ended: process.exitDescription()
        })));
    }
}
/**
 * The caller's abort signal as a promise of the interruption error. Its listener is removed
 * by dispose(), which the run calls when it ends, however it ends: a signal shared by many
 * runs (the bench) must not keep every finished run's closure alive.
 */
function interruptionOf(abortSignal) {
    const interrupted = () => new errors/* LoadTestError */.v('run', `the run was interrupted (${String(abortSignal?.reason)})`);
    let onAbort;
    const promise = new Promise((resolve) => {
        if (abortSignal?.aborted) {
            resolve(interrupted());
            return;
        }
        onAbort = () => resolve(interrupted());
        abortSignal?.addEventListener('abort', onAbort, { once: true });
    });
    return {
        promise,
        throwIfInterrupted: () => {
            if (abortSignal?.aborted)
                throw interrupted();
        },
        dispose: () => {
            if (onAbort)
                abortSignal?.removeEventListener('abort', onAbort);
        }
    };
}
async function startStep(step, context) {
    const idleTimeoutS = context.mockerSupportsIdleTimeout ? step.mockerIdleTimeoutS : undefined;
    if (step.mockerIdleTimeoutS !== undefined && idleTimeoutS === undefined) {
        context.record.notes.push('The mock provider takes no -idle-timeout, so it keeps idle connections open through the idle period between stress runs: connections that go stale while idle (maximhq/bifrost#4496) are not exercised.');
    }
    return (0,engine_services/* startServices */.Fp)(context.config, context.binaries, context.ports, {
        mockerLatencyMs: step.mockerLatencyMs,
        mockerIdleTimeoutS: idleTimeoutS,
        generation: step.generation,
        withBase: step.withBase
    });
}
/** The targets a step's phases name, as the running services serve them. */
function chatTargets(names, mode, services, config) {
    const stream = mode === 'streaming';
    return names.map((name) => {
        if (name === 'direct') {
            return {
                name,
                url: `${services.mockerBaseUrl}/v1/chat/completions`,
                model: config.mocker.model,
                headers: { Authorization: `Bearer ${launch/* MOCKER_KEY */.aM}` },
                stream
            };
        }
        // Head and base are reached alike: same path, model and headers, their own port.
        const gatewayUrl = (0,engine_services/* gatewayBaseUrlOf */.U7)(name, services);
        if (gatewayUrl !== undefined) {
            return {
                name,
                url: `${gatewayUrl}${config.gateway.requestPath}`,
                model: config.gateway.model,
                headers: config.gateway.headers,
                stream
            };
        }
        throw new Error(`no service serves target ${name} in this run`);
    });
}
/**
 * One attack step: vegeta against its targets, decoded while it runs, split into phases,
 * with the step's probes around it.
 */
async function attackStep(step, services, stopReason, context, probes) {
    const { config, emit, record } = context;
    const targets = chatTargets(step.phases.map((phase) => phase.target), step.mode, services, config);
    const targetsFile = external_node_path_default().join(context.workDir, `${step.id}-targets.json`);
    await writeTargetsFile(targetsFile, targets);
    const configuredRate = step.ratePerTarget * targets.length;
    const workers = (0,sizing/* attackInFlight */.yw)(step.ratePerTarget, targets.length, step.mockerLatencyMs);
    const totalS = step.durationS + step.mockerLatencyMs / 1000;
    const destinations = targets.map((target) => target.url).join(' and ');
    emit({
        type: 'phase-start',
        phase: step.id,
        label: step.label,
        totalS,
        detail: `${step.ratePerTarget} RPS${targets.length > 1 ? ` to each of ${targets.length} targets, alternating,` : ''} for ${step.durationS}s → ${destinations} (mocker latency ${step.mockerLatencyMs} ms, ~${workers} in flight)`
    });
    const startedAt = new Date().toISOString();
    const abort = new AbortController();
    let stoppedBy;
    void stopReason.then((reason) => {
        stoppedBy = reason;
        abort.abort();
    });
    const accumulator = new AttackAccumulator(step.id, targets.map(({ name, url, stream }) => ({ name, url, stream })), { maxBodyBytes: config.maxBodyBytes, redact: context.redact });
    const resultsFile = external_node_path_default().join(config.resultsDir, `vegeta-${step.id}.bin`);
    const { outcome, rows } = await probes.measureAttack(step, services, async () => {
        const ran = await runAttack(context.vegetaPath, {
            name: step.id,
            targetsFile,
            resultsFile,
            logFile: external_node_path_default().join(config.resultsDir, `vegeta-${step.id}.log`),
            rate: configuredRate,
            durationS: step.durationS,
            timeoutS: step.timeoutS,
            workers,
            maxWorkers: config.maxWorkers,
            maxBodyBytes: config.maxBodyBytes
        }, accumulator, {
            abortSignal: abort.signal,
            onProgress: (progress) => emit({
                type: 'phase-progress',
                phase: step.id,
                label: step.label,
                elapsedS: progress.elapsedS,
                totalS,
                detail: `${progress.requests} responses, ${progress.requests === 0 ? '–' : (0,format/* formatPct */.R8)((progress.successes * 100) / progress.requests)} valid`
            })
        });
        // Before the probes' afterAttack: the telemetry probe waits for these to be counted.
        countAnswered(targets, services, ran.results.targets);
        return ran;
    });
    const cutShort = outcome.aborted;
    const attack = {
        id: step.id,
        label: cutShort ? `${step.label} (cut short)` : step.label,
        purpose: step.purpose,
        mode: step.mode,
        targets: targets.map((target) => target.name),
        configuredRate,
        ratePerTarget: step.ratePerTarget,
        durationS: step.durationS,
        mockerLatencyMs: step.mockerLatencyMs,
        workers,
        maxWorkers: config.maxWorkers,
        timeoutS: step.timeoutS,
        startedAt,
        wallS: outcome.wallS,
        statisticsLagS: outcome.statisticsLagS,
        cutShort,
        resultsFile,
        statistics: outcome.results.attack
    };
    record.attacks.push(attack);
    const summaries = [];
    const phases = [];
    step.phases.forEach((phaseOfTarget, index) => {
        const target = targets[index];
        const results = outcome.results.targets.get(target.name);
        if (!results)
            throw new Error(`attack ${step.id} has no results for ${target.name}`);
        const phase = {
            id: phaseOfTarget.id,
            label: cutShort ? `${phaseOfTarget.label} (cut short)` : phaseOfTarget.label,
            role: phaseOfTarget.role,
            mode: step.mode,
            target: target.name,
            attackId: step.id,
            url: target.url,
            configuredRate: step.ratePerTarget,
            durationS: step.durationS,
            mockerLatencyMs: step.mockerLatencyMs,
            timeoutS: step.timeoutS,
            startedAt,
            wallS: outcome.wallS,
            statistics: results.statistics,
            samples: results.samples
        };
        record.phases.push(phase);
        phases.push(phase);
        const stats = results.statistics;
        summaries.push(`${phaseOfTarget.target}: ${stats.requests} requests, ${(0,format/* formatPct */.R8)(stats.successRatio * 100)} valid, p50 ${(0,format/* formatPhaseMs */.Ll)(stats, 'p50')}, p99 ${(0,format/* formatPhaseMs */.Ll)(stats, 'p99')}`);
    });
    record.metrics.push(...rows);
    const minSuccessPct = config.minStressSuccessRatePct;
    emit({
        type: 'phase-end',
        phase: step.id,
        label: step.label,
        summary: `${(0,format/* formatRate */.CE)(outcome.results.attack.achievedRate)} RPS; ${summaries.join('; ')}`,
        ok: phases.every((phase) => phase.statistics.requests === 0 || (0,verdict/* successPct */.XU)(phase.statistics) >= minSuccessPct)
    });
    return stoppedBy ?? (step.purpose === 'warmup' ? warmupStop(phases, services, config) : undefined);
}
/**
 * A warm-up that a target failed (see warmupFailure) stops the run at once, naming the
 * service that failed, with its log; undefined when the run may go on to measure.
 */
function warmupStop(phases, services, config) {
    const failure = warmupFailure(phases, config.minStressSuccessRatePct);
    if (failure === undefined)
        return undefined;
    const service = failure.target === 'direct'
        ? services.mocker
        : failure.target === 'base'
            ? services.base
            : services.gateway;
    return new errors/* LoadTestError */.v('run', failure.message, {
        logFile: service?.logFile,
        logTail: service?.logTail(20)
    });
}
/** Adds each gateway target's answered requests of one attack to services.answeredRequests. */
function countAnswered(targets, services, results) {
    for (const target of targets) {
        const statistics = results.get(target.name)?.statistics;
        if ((0,engine_services/* gatewayBaseUrlOf */.U7)(target.name, services) === undefined || !statistics)
            continue;
        const answeredBefore = services.answeredRequests.get(target.name) ?? 0;
        services.answeredRequests.set(target.name, answeredBefore + answeredRequests(statistics));
    }
}
/** The idle period between stress runs, watching that the services stay up. */
async function idle(step, stopReason, emit) {
    const { id, label, durationS } = step;
    emit({
        type: 'phase-start',
        phase: id,
        label,
        totalS: durationS,
        detail: `waiting ${durationS}s`
    });
    const startedMs = Date.now();
    let timer;
    let progress;
    try {
        progress = setInterval(() => emit({
            type: 'phase-progress',
            phase: id,
            label,
            elapsedS: (Date.now() - startedMs) / 1000,
            totalS: durationS
        }), 1000);
        const waited = new Promise((resolve) => {
            timer = setTimeout(resolve, durationS * 1000);
        });
        const exit = await Promise.race([waited.then(() => undefined), stopReason]);
        if (exit)
            throw exit;
    }
    finally {
        clearTimeout(timer);
        clearInterval(progress);
    }
    emit({ type: 'phase-end', phase: id, label, summary: 'done' });
}
/**
 * The upstream mock provider logs one line per request, with no flag to stop it: say so,
 * since that work lands on the machine during the measurement.
 */
async function noteMockerLogging(services, context) {
    const generation = services.generation;
    const inGeneration = (phase) => generation === 'stress' ? phase.role === 'stress' : phase.role !== 'stress';
    const requests = context.record.phases
        .filter(inGeneration)
        .reduce((sum, phase) => sum + phase.statistics.requests, 0);
    if (requests < 100)
        return;
    const lines = await countLines(services.mocker.logFile);
    if (lines >= requests / 2) {
        context.record.notes.push(`The mock provider logged ${lines} lines for ${requests} requests (${external_node_path_default().basename(services.mocker.logFile)}): it logs per request. That work falls on direct and gateway requests alike, but adds CPU load and noise on a small runner.`);
    }
}
async function countLines(file) {
    let lines = 0;
    try {
        for await (const chunk of (0,external_node_fs_.createReadStream)(file)) {
            for (const byte of chunk)
                if (byte === 0x0a)
                    lines++;
        }
    }
    catch {
        return 0;
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/engine/run.ts


















/**
 * A whole load test: tools, then the schedule planRun makes of the config (services,
 * warm-up, calibration and overhead, restart, stress runs), then the evaluation and the
 * reports. Whatever happens, every process it started is stopped and the results of what
 * completed are written, with the reason when it stopped early. Never throws for a failure
 * of the run: the record says what happened.
 */
async function runLoadTest(config, options = {}) {
    const emit = options.onEvent ?? (() => undefined);
    const record = emptyRecord(config);
    record.notes.push(...(0,report_redact/* shortSecretWarnings */.qq)(config));
    await (0,ensure_directory/* ensureDirectory */.E)(config.resultsDir);
    await clearPreviousResults(config.resultsDir);
    const temporaryPaths = [];
    const track = (entry) => {
        temporaryPaths.push(entry);
        (0,temporary_paths/* trackTemporaryPath */.KW)(entry);
        options.onTemporaryPath?.(entry);
    };
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), temporary_paths/* WORK_DIR_PREFIX */.tU));
    track({ kind: 'directory', path: workDir });
    try {
        const context = await prepare(config, record, workDir, options, emit, track);
        await executePlan(planRun(config), context);
    }
    catch (error) {
        // Only preparation (tools, ports) throws here; the plan records its own failures.
        record.failure = {
            kind: error instanceof errors/* LoadTestError */.v ? error.kind : 'setup',
            message: (0,errors/* errorMessage */.g)(error),
            phase: 'setup',
            logFile: error instanceof errors/* LoadTestError */.v ? error.logFile : undefined,
            logTail: error instanceof errors/* LoadTestError */.v ? error.logTail : undefined
        };
    }
    finally {
        for (const entry of temporaryPaths) {
            try {
                await (0,temporary_paths/* removeTemporaryPath */.bm)(entry);
                (0,temporary_paths/* untrackTemporaryPath */.DG)(entry);
            }
            catch (error) {
                record.notes.push(`could not remove ${(0,temporary_paths/* describeTemporaryPath */.Sk)(entry)}: ${(0,errors/* errorMessage */.g)(error)}`);
            }
        }
    }
    // A log tail, a quoted answer or a command line in a note may echo a key.
    const redact = (0,report_redact/* redactor */.$p)((0,report_redact/* secretsOf */.Fj)(config));
    if (record.failure)
        record.failure = redactFailure(record.failure, redact);
    record.notes = record.notes.map(redact);
    record.evaluation = (0,evaluate/* evaluate */._3)(record.attacks, record.phases, config);
    record.verdict = (0,verdict/* decideVerdict */.AU)(record.evaluation.checks, [
        ...record.notes,
        ...record.evaluation.warnings
    ]);
    record.status = record.failure ? 'error' : record.verdict.passed ? 'passed' : 'failed';
    // A run that stopped early failed: its checks cannot all have been made.
    if (record.failure)
        record.verdict = { ...record.verdict, passed: false };
    record.finishedAt = new Date().toISOString();
    await writeReports(record);
    return record;
}
function redactFailure(failure, redact) {
    return {
        ...failure,
        message: redact(failure.message),
        ...(failure.logTail === undefined ? {} : { logTail: redact(failure.logTail) })
    };
}
function emptyRecord(config) {
    const resultsDir = config.resultsDir;
    return {
        startedAt: new Date().toISOString(),
        finishedAt: '',
        config,
        tools: {},
        ports: {},
        attacks: [],
        phases: [],
        evaluation: { overhead: [], regression: [], checks: [], warnings: [] },
        metrics: [],
        notes: [],
        verdict: (0,verdict/* decideVerdict */.AU)([], []),
        status: 'error',
        processes: [],
        files: {
            resultsDir,
            json: external_node_path_default().join(resultsDir, RESULTS_JSON_FILE),
            markdown: external_node_path_default().join(resultsDir, RESULTS_MARKDOWN_FILE),
            processStatsCsv: external_node_path_default().join(resultsDir, PROCESS_STATS_CSV)
        }
    };
}
/** vegeta, the mock provider and the gateway binaries, and the ports: what the plan needs. */
async function prepare(config, record, workDir, options, emit, track) {
    const info = (message) => emit({ type: 'info', message });
    const vegeta = await resolveVegeta(config.vegeta, {
        toolsDir: config.toolsDir,
        log: info,
        download: options.downloadVegeta
    });
    record.tools.vegeta = vegeta;
    info(`vegeta ${vegeta.version} (${vegeta.source}): ${vegeta.path}`);
    const mocker = await resolveMocker(config.mocker.source, config.toolsDir, info);
    record.tools.mocker = {
        binaryPath: mocker.binaryPath,
        origin: mocker.origin,
        reused: mocker.reused
    };
    const gateway = await prepareGateway(config.gateway.source, config, info);
    record.tools.gateway = gateway.tool;
    let base;
    if (config.base) {
        const wanted = config.base.source;
        let source;
        if (wanted.kind === 'git-ref') {
            // Outside the workspace, and removed once the run is over.
            const { repositoryPath } = wanted;
            const worktree = await (0,git_worktree/* checkoutRef */.mv)(repositoryPath, wanted.ref, external_node_os_default().tmpdir(), info, (worktreePath) => track({ kind: 'git-worktree', path: worktreePath, repositoryPath }));
            source = { kind: 'bifrost-checkout', path: worktree.path, modules: wanted.modules };
            info(`base: ${wanted.ref} at commit ${worktree.commit.slice(0, 12)}`);
        }
        else {
            source = wanted;
        }
        base = await prepareGateway(source, config, info);
        record.tools.base = {
            ...base.tool,
            ...(wanted.kind === 'git-ref' ? { origin: `${wanted.ref}: ${base.tool.origin}` } : {})
        };
    }
    const ports = await choosePorts(config);
    record.ports = { ...ports };
    return {
        config,
        vegetaPath: vegeta.path,
        binaries: {
            mockerPath: mocker.binaryPath,
            gateway: gateway.toStart,
            ...(base ? { base: base.toStart } : {})
        },
        mockerSupportsIdleTimeout: mocker.flags.includes('idle-timeout'),
        ports,
        workDir,
        record,
        emit,
        abortSignal: options.abortSignal,
        onProcessStarted: options.onProcessStarted,
        redact: (0,report_redact/* redactor */.$p)((0,report_redact/* secretsOf */.Fj)(config))
    };
}
/** A gateway's binary (built, given, or none for a command) and how the record names it. */
async function prepareGateway(source, config, info) {
    const binary = await resolveGatewayBinary(source, config.toolsDir, info);
    return {
        toStart: { source, binaryPath: binary?.binaryPath },
        tool: {
            kind: source.kind,
            binaryPath: binary?.binaryPath,
            origin: binary?.origin ?? (source.kind === 'command' ? source.argvTemplate.join(' ') : ''),
            reused: binary?.reused ?? false
        }
    };
}
async function choosePorts(config) {
    if (config.mocker.port !== 0)
        await assertPortFree(config.mocker.port, 'mocker-port');
    if (config.gateway.port !== 0)
        await assertPortFree(config.gateway.port, 'gateway-port');
    const taken = new Set();
    const pick = async (given) => {
        let port = given || (await findFreePort());
        while (taken.has(port))
            port = await findFreePort();
        taken.add(port);
        return port;
    };
    const mocker = await pick(config.mocker.port);
    const gateway = await pick(config.gateway.port);
    return config.base ? { mocker, gateway, base: await pick(0) } : { mocker, gateway };
}


/***/ }),

/***/ 10:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  U7: () => (/* binding */ gatewayBaseUrlOf),
  Fp: () => (/* binding */ startServices),
  RU: () => (/* binding */ stopServices)
});

// UNUSED EXPORTS: baseUrl

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/load/sizing.ts
var sizing = __nccwpck_require__(264);
// EXTERNAL MODULE: ./src/services/process.ts
var services_process = __nccwpck_require__(729);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
// EXTERNAL MODULE: ./src/services/listeners.ts
var listeners = __nccwpck_require__(649);
// EXTERNAL MODULE: ./src/services/strays.ts
var strays = __nccwpck_require__(888);
;// CONCATENATED MODULE: ./src/services/readiness.ts





/** Per try, so that one hung connection cannot use up the whole timeout. */
const HEALTH_TRY_TIMEOUT_MS = 1000;
/** Even the last try before the deadline gets this long, so that it can still get an answer. */
const MIN_HEALTH_TRY_TIMEOUT_MS = 100;
/**
 * Resolves once every given check passes, with the time taken since the call. Rejects with
 * LoadTestError('setup') if the process exits first or timeoutMs passes.
 */
async function waitUntilReady(managed, check, options) {
    const { healthUrl, logPattern } = check;
    if (healthUrl === undefined && logPattern === undefined) {
        throw new Error(`waitUntilReady(${managed.name}) needs a healthUrl or a logPattern`);
    }
    const pollIntervalMs = options.pollIntervalMs ?? 25;
    const startedAtMs = performance.now();
    const deadlineMs = startedAtMs + options.timeoutMs;
    const logScanner = logPattern === undefined ? undefined : new LogScanner(managed.logFile, logPattern);
    let logMatched = logScanner === undefined;
    let healthy = healthUrl === undefined;
    let lastHealthFailure = 'no answer yet';
    for (;;) {
        if (!managed.running)
            throw await exitedBeforeReady(managed, check.port);
        if (logScanner !== undefined && !logMatched)
            logMatched = await logScanner.scan();
        if (healthUrl !== undefined && !healthy) {
            const tryTimeoutMs = Math.min(HEALTH_TRY_TIMEOUT_MS, Math.max(MIN_HEALTH_TRY_TIMEOUT_MS, deadlineMs - performance.now()));
            const failure = await probeHealth(healthUrl, tryTimeoutMs);
            healthy = failure === undefined;
            lastHealthFailure = failure ?? '';
        }
        if (logMatched && healthy) {
            return { readyAfterMs: Math.round(performance.now() - startedAtMs) };
        }
        const remainingMs = deadlineMs - performance.now();
        if (remainingMs <= 0) {
            const awaited = [];
            if (healthUrl !== undefined && !healthy) {
                awaited.push(`GET ${healthUrl} to answer 2xx, last try: ${lastHealthFailure}`);
            }
            if (logPattern !== undefined && !logMatched) {
                const shownPattern = typeof logPattern === 'string' ? JSON.stringify(logPattern) : String(logPattern);
                awaited.push(`a log line matching ${shownPattern}`);
            }
            const timeoutS = options.timeoutMs / 1000;
            throw notReadyError(managed, `${managed.name} was not ready after ${timeoutS} s (waited for ${awaited.join(' and ')})`);
        }
        await sleepUnlessExited(managed, Math.min(pollIntervalMs, remainingMs));
    }
}
/**
 * The error for a process that exited before it was ready. What it left behind that carries
 * our run token (a daemon: `setsid server &`, a double fork) is stopped first, and named.
 */
async function exitedBeforeReady(managed, port) {
    const leftBehind = await (0,strays/* stopLeftBehind */.uW)(port === undefined ? undefined : { name: managed.name, port }, { startedSinceTicks: managed.pidIdentity?.startTimeTicks });
    let summary = `${managed.name} ${managed.exitDescription()} before it was ready`;
    if (leftBehind.length > 0) {
        const count = leftBehind.length === 1 ? 'a process' : `${leftBehind.length} processes`;
        summary += ` and left ${count} of this run behind: ${leftBehind.map(strays/* describeStray */.PV).join('; ')}; stopped ${leftBehind.length === 1 ? 'it' : 'them'}. The command daemonized: run the ${managed.name} in the foreground (no setsid, trailing &, -d/--detach or service manager), so the run can watch it and stop it`;
    }
    // Anything still listening there now is not ours (or would not stop): name it.
    const listening = port === undefined ? undefined : (0,listeners/* describeListenersAfterExit */.Zo)(port);
    if (listening !== undefined)
        summary += `; ${listening}`;
    return notReadyError(managed, summary);
}
function notReadyError(managed, summary) {
    const logTail = managed.logTail();
    const tailText = logTail === '' ? 'The log is empty.' : `Last lines of the log:\n${logTail.replace(/^/gm, '  ')}`;
    return new errors/* LoadTestError */.v('setup', `${summary}. Log: ${managed.logFile}\n${tailText}`, {
        logFile: managed.logFile,
        logTail
    });
}
/** undefined if the URL answered 2xx, else why not. */
async function probeHealth(url, timeoutMs) {
    const controller = new AbortController();
    // Not AbortSignal.timeout(): its timer would stay pending after a quick answer.
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
        const response = await fetch(url, { signal: controller.signal });
        await response.body?.cancel();
        return response.ok ? undefined : `HTTP ${response.status}`;
    }
    catch (error) {
        if (controller.signal.aborted)
            return `no answer within ${timeoutMs} ms`;
        const cause = error.cause;
        return cause?.code ?? (error instanceof Error ? error.message : String(error));
    }
    finally {
        clearTimeout(timer);
    }
}
async function sleepUnlessExited(managed, durationMs) {
    let timer;
    await Promise.race([
        managed.exited,
        new Promise((resolveSleep) => {
            timer = setTimeout(resolveSleep, durationMs);
        })
    ]);
    clearTimeout(timer);
}
/** Reads a growing log file from where it left off and tests each line against a pattern. */
class LogScanner {
    logFile;
    pattern;
    decoder = new external_node_string_decoder_namespaceObject.StringDecoder('utf8');
    offsetBytes = 0;
    /** The text after the last newline read so far: the start of a line still being written. */
    partialLine = '';
    constructor(logFile, pattern) {
        this.logFile = logFile;
        this.pattern = pattern;
    }
    async scan() {
        let file;
        try {
            file = await (0,promises_.open)(this.logFile, 'r');
        }
        catch {
            return false;
        }
        try {
            const { size } = await file.stat();
            if (size <= this.offsetBytes)
                return false;
            const buffer = Buffer.alloc(size - this.offsetBytes);
            const { bytesRead } = await file.read(buffer, 0, buffer.length, this.offsetBytes);
            this.offsetBytes += bytesRead;
            const lines = (this.partialLine + this.decoder.write(buffer.subarray(0, bytesRead))).split('\n');
            this.partialLine = lines.at(-1) ?? '';
            // The partial line is tested too: a process may print its ready line without a newline.
            return lines.some((line) => this.matches(line));
        }
        finally {
            await file.close();
        }
    }
    matches(line) {
        // search() ignores lastIndex, so a /g pattern gives the same answer every time.
        return typeof this.pattern === 'string'
            ? line.includes(this.pattern)
            : line.search(this.pattern) >= 0;
    }
}

// EXTERNAL MODULE: ./src/services/launch.ts
var launch = __nccwpck_require__(861);
;// CONCATENATED MODULE: ./src/engine/services.ts








const baseUrl = (port) => `http://${launch/* LOOPBACK_HOST */.Zn}:${port}`;
/** ": <who listens on port>" when something does after a service exited, else "". */
const listenersAfterExit = (port) => {
    const listening = (0,listeners/* describeListenersAfterExit */.Zo)(port);
    return listening === undefined ? '' : `: ${listening}`;
};
/**
 * Starts the mock provider at the given latency, then the gateway (and the base gateway, for
 * a comparison) pointing at it, and waits for each to be ready. Throws LoadTestError('setup') for a service that
 * does not become ready, naming it and its log.
 */
async function startServices(config, binaries, ports, start) {
    const { mockerLatencyMs, generation } = start;
    const resultsDir = config.resultsDir;
    const readyTimeoutMs = config.readyTimeoutS * 1000;
    const mockerBaseUrl = baseUrl(ports.mocker);
    const mocker = (0,services_process/* startProcess */.kp)({
        name: 'mocker',
        argv: (0,launch/* mockerArgv */.at)(binaries.mockerPath, ports.mocker, mockerLatencyMs, start.mockerIdleTimeoutS),
        logFile: external_node_path_default().join(resultsDir, `mocker-${generation}.log`)
    });
    await waitUntilReady(mocker, { healthUrl: `${mockerBaseUrl}/health`, port: ports.mocker }, { timeoutMs: readyTimeoutMs });
    // Interleaved or not, a gateway only sees its own target's share: `rate` per second.
    const startGateway = async (role, toStart, port) => {
        const prefix = role === 'base' ? 'base-' : '';
        const appDir = external_node_path_default().join(resultsDir, `${prefix}gateway-app`);
        await (0,launch/* writeGatewayAppDir */.ec)(appDir, mockerBaseUrl, (0,sizing/* expectedInFlight */.iO)(config.rate, mockerLatencyMs), {
            userConfigPath: config.gateway.bifrostConfigPath,
            schemaPath: (0,launch/* bifrostSchemaPath */.OD)(toStart.source),
            mockerLatencyMs
        });
        const process = (0,services_process/* startProcess */.kp)({
            name: role === 'base' ? 'base gateway' : 'gateway',
            argv: (0,launch/* gatewayArgv */.bU)({
                source: toStart.source,
                binaryPath: toStart.binaryPath,
                port,
                appDir,
                mockerBaseUrl,
                logLevel: (0,launch/* gatewayLogLevel */.RI)(config.gateway)
            }),
            cwd: appDir,
            logFile: external_node_path_default().join(resultsDir, `${prefix}gateway-${generation}.log`)
        });
        const url = baseUrl(port);
        const readiness = config.gateway.healthPath !== ''
            ? { healthUrl: `${url}${config.gateway.healthPath}`, port }
            : { logPattern: new RegExp(config.gateway.readyLogPattern ?? ''), port };
        await waitUntilReady(process, readiness, { timeoutMs: readyTimeoutMs });
        return process;
    };
    const gateway = await startGateway('gateway', binaries.gateway, ports.gateway);
    const gatewayBaseUrl = baseUrl(ports.gateway);
    let base;
    if (start.withBase) {
        if (!binaries.base || ports.base === undefined)
            throw new Error('no base gateway to start');
        base = await startGateway('base', binaries.base, ports.base);
    }
    const exitOf = (service, name, port) => service.exited.then(() => new errors/* LoadTestError */.v('run', `the ${name} ${service.exitDescription()} while the run needed it${listenersAfterExit(port)}`, {
        logFile: service.logFile,
        logTail: service.logTail(20)
    }));
    return {
        generation,
        mocker,
        gateway,
        ports,
        mockerBaseUrl,
        gatewayBaseUrl,
        ...(base && ports.base !== undefined ? { base, baseGatewayBaseUrl: baseUrl(ports.base) } : {}),
        answeredRequests: new Map(),
        firstExit: Promise.race([
            exitOf(gateway, 'gateway', ports.gateway),
            ...(base && ports.base !== undefined ? [exitOf(base, 'base gateway', ports.base)] : []),
            exitOf(mocker, 'mock provider', ports.mocker)
        ])
    };
}
/** Scheme, host and port of the gateway serving target `name` (head or base), if any. */
function gatewayBaseUrlOf(name, services) {
    if (name === 'gateway')
        return services.gatewayBaseUrl;
    if (name === 'base')
        return services.baseGatewayBaseUrl;
    return undefined;
}
/**
 * Stops the gateway, then the mock provider (the gateway's upstream last), then every
 * process of ours that outlived their process groups (by run token, listening or not:
 * stopWhatOutlivedServices). Returns a warning per such escaped process; throws naming a
 * listener on their ports that is not ours. Probes watching the services are told before (the
 * executor).
 */
async function stopServices(services) {
    if (services === undefined)
        return [];
    await Promise.all([services.gateway.stop(), services.base?.stop()]);
    await services.mocker.stop();
    return (0,strays/* stopWhatOutlivedServices */.vh)((0,listeners/* servicePorts */.E1)(services.ports));
}


/***/ }),

/***/ 683:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ ensureDirectory),
/* harmony export */   P: () => (/* binding */ ensureDirectorySync)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(916);



/**
 * Creates `directory` and its missing parents, one level at a time, each level tried once.
 *
 * Not `mkdir(directory, { recursive: true })`: Node's recursive mkdir reads ENOENT as "the
 * parent is missing", creates the parent (EEXIST counts as success) and tries the child again.
 * procfs answers ENOENT to a mkdir of any new child of an existing directory, and so does a
 * dangling symbolic link, so `mkdir('/proc/x', { recursive: true })` spins at 100% CPU forever,
 * its promise never settling (seen with Node 20; the same walk hung Bun, oven-sh/bun#40600).
 * Here the nearest existing ancestor is found first, then each missing level is created once.
 *
 * @param directory absolute, or relative to the current directory.
 * @throws LoadTestError('setup') naming the level that could not be created and why (a file
 *   or dangling link in the way, no permission, a read-only or virtual filesystem).
 */
function ensureDirectorySync(directory) {
    const target = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(directory);
    const missing = [];
    let current = target;
    for (;;) {
        const found = existingKind(current);
        if (found === 'directory')
            break;
        if (found === 'other') {
            throw cannotCreate(target, `${current} exists and is not a directory`);
        }
        if (found === 'dangling-link') {
            throw cannotCreate(target, `${current} is a symbolic link to something that does not exist`);
        }
        missing.unshift(current);
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(current);
        // The root always exists; this only guards against a platform where it does not.
        if (parent === current)
            throw cannotCreate(target, `${current} does not exist`);
        current = parent;
    }
    for (const level of missing) {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(level);
        }
        catch (error) {
            const code = error.code;
            // Someone else created it meanwhile: fine, if it is a directory.
            if (code === 'EEXIST' && existingKind(level) === 'directory')
                continue;
            throw cannotCreate(target, `mkdir ${level}: ${explainMkdirError(code, level)}`, error);
        }
    }
}
/** ensureDirectorySync for async callers; mkdir of a few levels takes microseconds. */
async function ensureDirectory(directory) {
    ensureDirectorySync(directory);
}
function existingKind(candidate) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate).isDirectory() ? 'directory' : 'other';
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') {
            throw cannotCreate(candidate, `cannot look at ${candidate} (${code ?? String(error)})`, error);
        }
    }
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(candidate);
        return 'dangling-link';
    }
    catch {
        return 'missing';
    }
}
function explainMkdirError(code, level) {
    switch (code) {
        case 'ENOENT':
            return `the filesystem of ${node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(level)} does not allow new directories (a virtual filesystem such as /proc or /sys)`;
        case 'EACCES':
        case 'EPERM':
            return `permission denied (${code})`;
        case 'EROFS':
            return 'read-only filesystem';
        case 'ENOSPC':
            return 'no space left on the device';
        default:
            return code ?? 'unknown error';
    }
}
function cannotCreate(target, reason, cause) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v('setup', `cannot create directory ${target}: ${reason}`, { cause });
}


/***/ }),

/***/ 916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ errorMessage),
/* harmony export */   v: () => (/* binding */ LoadTestError)
/* harmony export */ });
class LoadTestError extends Error {
    kind;
    /** A log file the user should read, if one explains the failure. */
    logFile;
    /** The last lines of that log, already read, so a report can show them. */
    logTail;
    constructor(kind, message, details = {}) {
        super(message, details.cause === undefined ? undefined : { cause: details.cause });
        this.name = 'LoadTestError';
        this.kind = kind;
        this.logFile = details.logFile;
        this.logTail = details.logTail;
    }
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 264:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   iO: () => (/* binding */ expectedInFlight),
/* harmony export */   xj: () => (/* binding */ sizingProblems),
/* harmony export */   yw: () => (/* binding */ attackInFlight)
/* harmony export */ });
/* harmony import */ var _config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(126);

/**
 * Requests in flight when `rate` requests per second each wait `latencyMs` (Little's law,
 * L = λW), rounded up, at least one: the workers vegeta needs for one target, and the
 * connections a gateway needs to its provider.
 */
function expectedInFlight(rate, latencyMs) {
    return Math.max(1, Math.ceil((rate * latencyMs) / 1000));
}
/** Requests in flight in one attack whose `targets` each get `ratePerTarget`. */
function attackInFlight(ratePerTarget, targets, latencyMs) {
    return targets * expectedInFlight(ratePerTarget, latencyMs);
}
/**
 * Whether a config's load fits the tools that carry it, as problems in resolveConfig's
 * style (empty when it fits):
 * - vegeta's max-workers must cover the requests in flight of the largest attack (the
 *   overhead attack has 2 targets interleaved, 3 with a base; a stress run has one), or
 *   vegeta would wait for a free worker and the wait would vanish from the latencies;
 * - a bifrost gateway (a checkout or a binary taking its flags) sees `rate` per second of its
 *   own and may open at most BIFROST_MAX_CONNS_PER_HOST connections to the mock provider, or
 *   requests would wait for a free connection and the wait would count as overhead.
 */
function sizingProblems(config) {
    const problems = [];
    const { rate, overheadMockerLatencyMs, stressMockerLatencyMs } = config;
    const overheadTargets = config.measurement === 'interleaved' ? (config.base ? 3 : 2) : 1;
    const overheadInFlight = attackInFlight(rate, overheadTargets, overheadMockerLatencyMs);
    const stressInFlight = expectedInFlight(rate, stressMockerLatencyMs);
    if (config.maxWorkers < Math.max(overheadInFlight, stressInFlight)) {
        const [inFlight, how] = overheadInFlight >= stressInFlight
            ? [
                overheadInFlight,
                `rate ${rate}${overheadTargets > 1 ? ` × ${overheadTargets} interleaved targets` : ''} × ${overheadMockerLatencyMs} ms overhead mocker latency`
            ]
            : [stressInFlight, `rate ${rate} × ${stressMockerLatencyMs} ms stress mocker latency`];
        problems.push(`max-workers: got ${config.maxWorkers}; expected at least ${inFlight}, the requests in flight at ${how} (fewer workers would make vegeta wait, and the waiting would vanish from the latencies).`);
    }
    const source = config.gateway.source.kind;
    const latencyMs = Math.max(overheadMockerLatencyMs, stressMockerLatencyMs);
    const gatewayInFlight = expectedInFlight(rate, latencyMs);
    if ((source === 'bifrost-checkout' || source === 'binary') &&
        gatewayInFlight > _config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_0__/* .BIFROST_MAX_CONNS_PER_HOST */ .mD) {
        problems.push(`rate: got ${rate}; at ${latencyMs} ms mock provider latency that is ${gatewayInFlight} requests in flight, more than the ${_config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_0__/* .BIFROST_MAX_CONNS_PER_HOST */ .mD} connections per host bifrost allows (network_config.max_conns_per_host): requests beyond it would wait for a free connection, and the wait would count as overhead. Expected rate × mocker latency ≤ ${_config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_0__/* .BIFROST_MAX_CONNS_PER_HOST */ .mD} requests (rate ≤ ${Math.floor((_config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_0__/* .BIFROST_MAX_CONNS_PER_HOST */ .mD * 1000) / latencyMs)} at ${latencyMs} ms).`);
    }
    return problems;
}


/***/ }),

/***/ 557:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ LATENCY_STAT_KEYS)
/* harmony export */ });
const LATENCY_STAT_KEYS = ['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'];


/***/ }),

/***/ 956:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ packageRoot),
/* harmony export */   y: () => (/* binding */ defaultToolsDir)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_3__);




const PACKAGE_NAME = 'bifrost-load-test';
/**
 * This tool's own directory (it holds mocker/), found from the running file: src/ under
 * tsx, dist/ or dist/post/ when bundled, wherever the action or package was unpacked.
 */
function packageRoot(fromUrl = import.meta.url) {
    let directory = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname((0,node_url__WEBPACK_IMPORTED_MODULE_3__.fileURLToPath)(fromUrl));
    for (;;) {
        const manifest = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(directory, 'package.json');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(manifest)) {
            try {
                if (JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(manifest, 'utf8')).name === PACKAGE_NAME) {
                    return directory;
                }
            }
            catch {
                // not ours; keep looking upwards
            }
        }
        const parent = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(directory);
        if (parent === directory) {
            throw new Error(`cannot find the ${PACKAGE_NAME} package around ${fromUrl}`);
        }
        directory = parent;
    }
}
function defaultToolsDir(env = process.env) {
    const cacheHome = env.XDG_CACHE_HOME || node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().homedir(), '.cache');
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(cacheHome, PACKAGE_NAME);
}


/***/ }),

/***/ 728:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ assertLinux)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(916);

/**
 * Throws LoadTestError('setup') unless `platform` is Linux: the engine samples the gateway's
 * processes from /proc and stops process groups the Linux way, so elsewhere a run could only
 * fail midway.
 */
function assertLinux(platform = process.platform) {
    if (platform === 'linux')
        return;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .LoadTestError */ .v('setup', `bifrost-load-test runs on Linux only (it reads /proc to sample the gateway's processes); this is ${platform}. On GitHub, use a Linux runner such as runs-on: ubuntu-latest.`);
}


/***/ }),

/***/ 475:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ renderConsoleSummary),
/* harmony export */   p: () => (/* binding */ consoleProgress)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(11);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(994);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(285);



const PROGRESS_LINE_EVERY_S = 5;
/**
 * Renders engine events as console lines: one line when a phase starts and ends, and its
 * progress (elapsed / total) every few seconds, so a log on CI shows the run is alive.
 */
function consoleProgress(write) {
    let lastProgressLineS = 0;
    return (event) => {
        switch (event.type) {
            case 'info':
                write(`  ${event.message}`);
                break;
            case 'warning':
                write(`  ⚠ ${event.message}`);
                break;
            case 'phase-start':
                lastProgressLineS = 0;
                write(`▶ ${event.label}: ${event.detail}`);
                break;
            case 'phase-progress':
                if (event.elapsedS - lastProgressLineS >= PROGRESS_LINE_EVERY_S) {
                    lastProgressLineS = event.elapsedS;
                    const detail = event.detail ? `, ${event.detail}` : '';
                    write(`  ${event.label}: ${event.elapsedS.toFixed(0)}s / ~${event.totalS.toFixed(0)}s${detail}`);
                }
                break;
            case 'phase-end':
                write(`${event.ok === false ? '✗' : '✔'} ${event.label}: ${event.summary}`);
                break;
        }
    };
}
/**
 * The final summary: verdict, overhead per statistic with its interval and limit, the
 * probes' headline tables, stress runs, files.
 */
function renderConsoleSummary(record, summary = (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .buildSummary */ .fR)(record)) {
    const lines = ['', `Gateway load test: ${summary.headline}`, ''];
    if (!summary.failure)
        lines.push(summary.verdictSentence, '');
    if (summary.failure) {
        lines.push(`Stopped during ${summary.failure.phase ?? 'the run'}: ${summary.failure.message}`);
        if (summary.failure.logTail && !summary.failure.message.includes(summary.failure.logTail)) {
            lines.push(`Last lines of ${summary.failure.logFile ?? 'the log'}:`, summary.failure.logTail);
        }
        lines.push('');
    }
    for (const section of summary.regression) {
        lines.push(`${section.title}:`);
        const rows = [['statistic', 'base', 'head', 'regression', '95% CI', 'limit', '']];
        for (const row of section.rows) {
            rows.push([
                row.key,
                (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.baseUs),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.headUs),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.regressionUs),
                (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatInterval */ .vy)(row.interval),
                row.check ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.check.limit) : '-',
                row.check ? (row.check.passed ? 'ok' : 'FAIL') : ''
            ]);
        }
        lines.push(...alignColumns(rows));
        if (section.telemetry)
            lines.push(section.telemetry);
        lines.push('');
    }
    for (const section of summary.overhead) {
        lines.push(`${section.title}, ${section.measurement}:`);
        const withBaseline = section.baseline !== undefined;
        const rows = [
            [
                'statistic',
                'direct',
                'via gateway',
                'overhead',
                '95% CI',
                'limit',
                '',
                ...(withBaseline ? ['baseline', 'vs baseline'] : [])
            ]
        ];
        for (const row of section.rows) {
            rows.push([
                row.key,
                (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMsFromNs */ .Tn)(row.directNs),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMsFromNs */ .Tn)(row.gatewayNs),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.overheadUs),
                (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatInterval */ .vy)(row.interval),
                row.check ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.check.limit) : '-',
                row.check ? (row.check.passed ? 'ok' : 'FAIL') : '',
                ...(withBaseline ? (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .baselineCells */ .PO)(row) : [])
            ]);
        }
        lines.push(...alignColumns(rows));
        if (section.telemetry)
            lines.push(section.telemetry);
        if (section.baseline)
            lines.push((0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .baselineNote */ .OR)(section.baseline, section.rate));
        lines.push('');
    }
    for (const table of summary.metrics.headline) {
        lines.push(`${table.title}:`, ...alignColumns([table.header, ...table.rows]), '');
    }
    for (const section of summary.stress) {
        for (const { phase, successPct } of section.runs) {
            const stats = phase.statistics;
            lines.push(`${phase.label}: ${stats.requests} requests at ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatRate */ .CE)(stats.achievedRate)} RPS, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPct */ .R8)(successPct)} valid, p99 ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPhaseMs */ .Ll)(stats, 'p99')}`);
        }
        lines.push('');
    }
    for (const failure of summary.failures)
        lines.push(`✗ ${failure}`);
    for (const { phaseLabel, example } of summary.invalidResponses) {
        lines.push(`First invalid response in ${phaseLabel} (HTTP ${example.statusCode}): ${example.reason}`);
        lines.push(`  ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .quotedBody */ .dm)(example.body).slice(0, 200).replaceAll('\n', '\n  ')}`);
    }
    for (const warning of summary.warnings)
        lines.push(`⚠ ${warning}`);
    lines.push(`Results: ${record.files.json}`, `         ${record.files.markdown}`);
    return lines.join('\n');
}
function alignColumns(rows) {
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
    return rows.map((row) => row
        .map((cell, column) => column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))
        .join('  ')
        .trimEnd());
}


/***/ }),

/***/ 11:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CE: () => (/* binding */ formatRate),
/* harmony export */   GI: () => (/* binding */ noteLines),
/* harmony export */   H8: () => (/* binding */ STAT_COLUMNS),
/* harmony export */   IG: () => (/* binding */ formatSignedUs),
/* harmony export */   Ll: () => (/* binding */ formatPhaseMs),
/* harmony export */   M0: () => (/* binding */ bar),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   R8: () => (/* binding */ formatPct),
/* harmony export */   Tn: () => (/* binding */ formatMsFromNs),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   aL: () => (/* binding */ escapeTableCell),
/* harmony export */   dm: () => (/* binding */ quotedBody),
/* harmony export */   oC: () => (/* binding */ formatUs)
/* harmony export */ });
/** Number formatting shared by the Markdown report, the job summary and the console. */
const formatUs = (us) => `${us.toFixed(1)} µs`;
/** A difference in µs with its sign: "+12.3 µs", "−4.0 µs" (a true minus), "±0.0 µs". */
function formatSignedUs(us) {
    const rounded = Number(us.toFixed(1));
    if (rounded === 0)
        return '±0.0 µs';
    return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)} µs`;
}
const formatMsFromNs = (ns) => `${(ns / 1e6).toFixed(2)} ms`;
/**
 * One latency statistic of a phase in ms, or "—" when no request of the phase was valid:
 * its statistics are then 0 by convention, not a measurement.
 */
function formatPhaseMs(stats, key) {
    return stats.successes === 0 ? '—' : formatMsFromNs(stats.latencyNs[key]);
}
const formatPct = (pct) => `${pct.toFixed(2)}%`;
const formatRate = (rate) => rate.toFixed(1);
function formatSeconds(seconds) {
    if (seconds < 60)
        return `${Number(seconds.toFixed(3))}s`;
    const minutes = Math.floor(seconds / 60);
    const rest = Number((seconds - minutes * 60).toFixed(3));
    return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}
/** A histogram bar of `width` cells for count/maxCount, using eighth blocks for precision. */
function bar(count, maxCount, width = 40) {
    if (maxCount <= 0 || count <= 0)
        return '';
    const eighths = Math.max(1, Math.round((count / maxCount) * width * 8));
    const partial = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    return '█'.repeat(Math.floor(eighths / 8)) + (partial[eighths % 8] ?? '');
}
function escapeTableCell(text) {
    return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
/** A quoted answer's body as the reports show it: an empty body said in words. */
const quotedBody = (body) => (body === '' ? '(empty body)' : body);
/** A Markdown note under a table: the text in italics on its own line, or nothing. */
const noteLines = (text) => text ? [`_${escapeTableCell(text)}_`, ''] : [];
/** The statistics every table shows, in order, with their column titles. */
const STAT_COLUMNS = [
    { key: 'min', title: 'Min' },
    { key: 'mean', title: 'Mean' },
    { key: 'p50', title: 'P50' },
    { key: 'p90', title: 'P90' },
    { key: 'p95', title: 'P95' },
    { key: 'p99', title: 'P99' },
    { key: 'p999', title: 'P99.9' },
    { key: 'max', title: 'Max' }
];
/** A Markdown table. */
function markdownTable(header, rows) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}


/***/ }),

/***/ 236:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ verdictSentence)
/* harmony export */ });
/* unused harmony export renderJobSummary */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(11);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(285);
/* harmony import */ var _metric_rows_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(424);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(30);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(994);






const PERCENTILES = [
    { key: 'p50', title: 'p50' },
    { key: 'p90', title: 'p90' },
    { key: 'p95', title: 'p95' },
    { key: 'p99', title: 'p99' },
    { key: 'p999', title: 'p99.9' }
];
const ms = (ns) => (ns / 1e6).toFixed(3);
/** One sentence saying why the run passed, failed or stopped. */
function verdictSentence(record) {
    return (0,_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .buildSummary */ .fR)(record).verdictSentence;
}
/** Mermaid line chart: latency percentiles direct vs through the gateway. */
function percentileChart(section) {
    const values = (phase) => PERCENTILES.map(({ key }) => Number(ms(phase.statistics.latencyNs[key])));
    const all = [...values(section.calibration), ...values(section.overhead)];
    const low = Math.floor(Math.min(...all));
    const high = Math.ceil(Math.max(...all));
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Latency percentiles (ms): direct (first line) vs through the gateway (second line)"',
        `  x-axis [${PERCENTILES.map(({ title }) => `"${title}"`).join(', ')}]`,
        `  y-axis "latency (ms)" ${low} --> ${high === low ? high + 1 : high}`,
        `  line [${values(section.calibration).join(', ')}]`,
        `  line [${values(section.overhead).join(', ')}]`,
        '```'
    ].join('\n');
}
/**
 * Each bucket's upper edge in ms, with as few decimals (1 to 6, i.e. down to 1 ns) as keep
 * the labels apart: equal labels would put their bars on one spot of the axis.
 */
function bucketLabels(buckets) {
    const labelsWith = (decimals) => buckets.map((bucket) => `"≤${(bucket.upperNs / 1e6).toFixed(decimals)}"`);
    let decimals = 1;
    while (decimals < 6 && new Set(labelsWith(decimals)).size < buckets.length)
        decimals++;
    return labelsWith(decimals);
}
/** Mermaid bar chart of a stress run's measured latency histogram. */
function stressHistogramChart(phase) {
    const buckets = phase.statistics.histogram;
    const labels = bucketLabels(buckets);
    const maxCount = Math.max(1, ...buckets.map((bucket) => bucket.count));
    return [
        '```mermaid',
        'xychart-beta',
        `  title "${phase.label}: requests per latency bucket (ms)"`,
        `  x-axis [${labels.join(', ')}]`,
        `  y-axis "requests" 0 --> ${maxCount}`,
        `  bar [${buckets.map((bucket) => bucket.count).join(', ')}]`,
        '```'
    ].join('\n');
}
/** Metric tables of the probes, each under its own heading. */
function metricSections(tables) {
    return tables.flatMap((table) => [`### ${table.title}`, '', markdownMetricTable(table), '']);
}
/**
 * The job summary: the verdict first, then per mode the overhead table with intervals and
 * limits and a chart, the probes' headline tables, the stress runs, the measurement's
 * validity when in doubt, the probes' detail tables (the gateway's CPU and memory), and the
 * method and resolved config folded away.
 */
function renderJobSummary(record, summary = buildSummary(record)) {
    const parts = [
        `## Gateway load test: ${summary.headline}`,
        '',
        `**${escapeTableCell(summary.verdictSentence)}**`,
        ''
    ];
    if (record.config.failOn === 'never' && record.status === 'failed') {
        parts.push('> Report only (`fail-on: never`): this verdict does not fail the step.', '');
    }
    if (summary.failures.length > 1) {
        parts.push(...summary.failures.map((failure) => `- ${escapeTableCell(failure)}`), '');
    }
    if (summary.failure?.logTail) {
        parts.push(`<details open><summary>Last lines of ${summary.failure.logFile ?? 'the log'}</summary>`, '', '```text', summary.failure.logTail, '```', '</details>', '');
    }
    for (const section of summary.regression) {
        parts.push(`### ${section.title}`, '', regressionTable(section), '', `_Base and head ran side by side in one attack; ${escapeTableCell(section.estimate.intervalMethod)}. A regression fails only when its interval's lower bound exceeds the limit._`, '', ...noteLines(section.telemetry));
    }
    for (const section of summary.overhead) {
        parts.push(`### ${section.title}`, '', overheadTable(section), '', `_Overhead = through the gateway − direct, statistic by statistic (${section.measurement} measurement); ${escapeTableCell(section.estimate.intervalMethod)}. Min, p99.9 and max rest on a few requests each: reported, not checked._`, '', ...noteLines(section.telemetry), ...noteLines(section.baseline && baselineNote(section.baseline, section.rate)), percentileChart(section), '');
    }
    parts.push(...metricSections(summary.metrics.headline));
    if (summary.overhead.length === 0 && record.phases.length === 0) {
        parts.push('No phase completed.', '');
    }
    for (const section of summary.stress) {
        parts.push(`### ${section.title} (mock provider latency ${section.mockerLatencyMs} ms)`, '', markdownTable(['Run', 'Requests', 'Actual RPS', 'Valid', 'Min valid', 'P50', 'P99', 'Max', 'Top failure'], section.runs.map(({ phase, successPct, check }) => {
            const stats = phase.statistics;
            return [
                phase.label,
                String(stats.requests),
                formatRate(stats.achievedRate),
                `${formatPct(successPct)}${check ? (check.passed ? ' ✓' : ' ✗') : ''}`,
                formatPct(section.minSuccessPct),
                formatPhaseMs(stats, 'p50'),
                formatPhaseMs(stats, 'p99'),
                formatPhaseMs(stats, 'max'),
                escapeTableCell(stats.topErrors[0]?.error ?? '')
            ];
        })), '');
        const chartPhase = section.runs.find((run) => run.phase.statistics.histogram.length > 0);
        if (chartPhase)
            parts.push(stressHistogramChart(chartPhase.phase), '');
    }
    for (const { phaseLabel, example } of summary.invalidResponses) {
        parts.push(`<details><summary>First invalid response in ${escapeTableCell(phaseLabel)}: ${escapeTableCell(example.reason)}</summary>`, '', '```text', quotedBody(example.body), '```', '</details>', '');
    }
    const validityFailed = summary.validity.some((check) => !check.passed);
    if (summary.validity.length > 0) {
        parts.push(`<details${validityFailed ? ' open' : ''}><summary>Measurement validity: ${summary.validity.filter((check) => check.passed).length} of ${summary.validity.length} checks passed</summary>`, '', markdownTable(['Check', 'Value', 'Limit', ''], summary.validity.map((check) => [
            escapeTableCell(check.label),
            formatValue(check.value, check.unit),
            requirement(check),
            check.passed ? '✓' : '✗'
        ])), '', '</details>', '');
    }
    parts.push(...metricSections(summary.metrics.details));
    if (summary.warnings.length > 0) {
        parts.push(...summary.warnings.map((warning) => `> [!WARNING]\n> ${warning}\n`));
    }
    parts.push('<details><summary>Method</summary>', '', ...summary.method.map((line) => `- ${line}`), '', '</details>', '', '<details><summary>Resolved configuration</summary>', '', '```json', JSON.stringify(publicConfig(record.config), null, 2), '```', '</details>', '');
    return parts.join('\n');
}


/***/ }),

/***/ 285:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   PO: () => (/* binding */ baselineCells),
/* harmony export */   ZB: () => (/* reexport safe */ _summary_js__WEBPACK_IMPORTED_MODULE_2__.ZB)
/* harmony export */ });
/* unused harmony exports overheadTable, regressionTable, requirement, histogramBlock */
/* harmony import */ var _analysis_verdict_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(319);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(11);
/* harmony import */ var _metric_rows_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(424);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(994);





const mark = (passed) => passed === undefined ? '' : passed ? '✓' : '✗';
function phaseRow(record, phase) {
    const stats = phase.statistics;
    const attack = (0,_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .attackOf */ .AP)(record, phase);
    return [
        phase.label,
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatRate */ .CE)(stats.achievedRate),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(phase.durationS),
        attack ? String(attack.statistics.peakInFlight) : '—',
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPct */ .R8)(stats.successRatio * 100)} (${stats.successes}/${stats.requests})`,
        ..._format_js__WEBPACK_IMPORTED_MODULE_0__/* .STAT_COLUMNS */ .H8.map(({ key }) => (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPhaseMs */ .Ll)(stats, key))
    ];
}
const PHASE_HEADER = [
    'Phase',
    'Actual RPS',
    'Duration',
    'Peak in flight (attack)',
    'Valid',
    ..._format_js__WEBPACK_IMPORTED_MODULE_0__/* .STAT_COLUMNS */ .H8.map((column) => column.title)
];
/**
 * The overhead table: direct, through the gateway, overhead with its interval, limit; with a
 * baseline, also the baseline's overhead and this run's difference from it.
 */
function overheadTable(section) {
    const withBaseline = section.baseline !== undefined;
    return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)([
        'Statistic',
        'Direct',
        'Through gateway',
        'Overhead',
        '95% CI',
        'Limit',
        '',
        ...(withBaseline ? ['Baseline', 'vs baseline'] : [])
    ], section.rows.map((row) => [
        row.title,
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMsFromNs */ .Tn)(row.directNs),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMsFromNs */ .Tn)(row.gatewayNs),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.overheadUs),
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInterval */ .vy)(row.interval),
        row.check ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.check.limit) : 'not checked',
        mark(row.check?.passed),
        ...(withBaseline ? baselineCells(row) : [])
    ]));
}
/** The baseline's overhead and this run's difference from it, signed; — when not recorded. */
function baselineCells(row) {
    if (row.baselineUs === undefined || row.vsBaselineUs === undefined)
        return ['—', '—'];
    return [(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.baselineUs), (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSignedUs */ .IG)(row.vsBaselineUs)];
}
/** Base overhead, head overhead and the regression head − base, each with its interval. */
function regressionTable(section) {
    const withInterval = (valueUs, interval) => interval ? `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(valueUs)} (${(0,_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInterval */ .vy)(interval)})` : (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(valueUs);
    return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(['Statistic', 'Base overhead', 'Head overhead', 'Regression', '95% CI', 'Limit', ''], section.rows.map((row) => [
        row.title,
        withInterval(row.baseUs, row.baseInterval),
        withInterval(row.headUs, row.headInterval),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.regressionUs),
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInterval */ .vy)(row.interval),
        row.check ? `lower bound ≤ ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatUs */ .oC)(row.check.limit)}` : 'not checked',
        mark(row.check?.passed)
    ]));
}
function regressionSection(section) {
    return [
        `## ${section.title}`,
        '',
        `**${section.sentence.charAt(0).toUpperCase()}${section.sentence.slice(1)}.** Base and head ran side by side against one mock provider, in one attack alternating between direct, base and head requests; a regression fails its check only when the lower bound of its interval exceeds the limit.`,
        '',
        regressionTable(section),
        '',
        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .noteLines */ .GI)(section.telemetry)
    ];
}
function overheadSection(record, section) {
    return [
        `## Gateway processing overhead${section.mode === 'streaming' ? ' (streaming)' : ''}`,
        '',
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatRate */ .CE)(section.rate)} RPS per target for ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(section.durationS)}, mock provider latency ${section.mockerLatencyMs} ms, ${section.measurement} measurement. Overhead = through the gateway − direct to the mock provider, per statistic; ${section.estimate.intervalMethod}.`,
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(PHASE_HEADER, [
            phaseRow(record, section.calibration),
            phaseRow(record, section.overhead)
        ]),
        '',
        overheadTable(section),
        '',
        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .noteLines */ .GI)(section.telemetry),
        ...(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .noteLines */ .GI)(section.baseline && (0,_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .baselineNote */ .OR)(section.baseline, section.rate))
    ];
}
function stressSection(record, section) {
    return [
        `## ${section.title}`,
        '',
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatRate */ .CE)(record.config.rate)} RPS for ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(section.durationS)} per run, mock provider latency ${section.mockerLatencyMs} ms, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSeconds */ .Xo)(section.idleS)} idle between runs; each run needs at least ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPct */ .R8)(section.minSuccessPct)} valid responses.`,
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(PHASE_HEADER, section.runs.map((run) => phaseRow(record, run.phase))),
        ''
    ];
}
/** What a check requires, e.g. "≥ 99.00%" or "< 12000". */
function requirement(check) {
    const relation = check.bound === 'max' ? '≤' : check.bound === 'min' ? '≥' : '<';
    return `${relation} ${(0,_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .formatValue */ .Fl)(check.limit, check.unit)}`;
}
function validitySection(summary) {
    if (summary.validity.length === 0)
        return [];
    return [
        '## Measurement validity',
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(['Check', 'Value', 'Required', ''], summary.validity.map((check) => [
            (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(check.label),
            (0,_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_3__/* .formatValue */ .Fl)(check.value, check.unit),
            requirement(check),
            mark(check.passed)
        ])),
        ''
    ];
}
/** Metric tables of the probes, each under its own heading. */
function metricSections(tables) {
    return tables.flatMap((table) => [`## ${table.title}`, '', (0,_metric_rows_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownMetricTable */ .uG)(table), '']);
}
/** A text histogram; its rows come from the phase's measured buckets. */
function histogramBlock(stats) {
    const maxCount = Math.max(0, ...stats.histogram.map((bucket) => bucket.count));
    const rows = stats.histogram.map((bucket) => {
        const range = `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMsFromNs */ .Tn)(bucket.lowerNs)} – ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMsFromNs */ .Tn)(bucket.upperNs)}`;
        return `${range.padEnd(25)} ${String(bucket.count).padStart(8)}  ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .bar */ .M0)(bucket.count, maxCount)}`;
    });
    return ['```text', ...rows, '```'].join('\n');
}
function histogramSection(record) {
    const phases = record.phases.filter((phase) => phase.role !== 'warmup' && phase.statistics.histogram.length > 0);
    if (phases.length === 0)
        return [];
    return [
        '## Latency histograms (valid responses)',
        '',
        ...phases.flatMap((phase) => [`### ${phase.label}`, '', histogramBlock(phase.statistics), ''])
    ];
}
function errorsSection(record, summary) {
    const rows = record.phases.flatMap((phase) => phase.statistics.topErrors.map((error) => [
        phase.label,
        String(error.count),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL)(error.error)
    ]));
    if (rows.length === 0)
        return [];
    const examples = summary.invalidResponses.flatMap(({ phaseLabel, example }) => [
        `First invalid response in ${phaseLabel} (HTTP ${example.statusCode}): ${example.reason}.`,
        '',
        '```text',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .quotedBody */ .dm)(example.body),
        '```',
        ''
    ]);
    return [
        '## Failed requests',
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(['Phase', 'Count', 'Reason'], rows),
        '',
        ...examples
    ];
}
/** Calibration or overhead phases with no overhead estimate (the run stopped before it). */
function unpairedSection(record, summary) {
    const shown = new Set(summary.overhead.flatMap((section) => [section.calibration.id, section.overhead.id]));
    const unpaired = record.phases.filter((phase) => (phase.role === 'calibration' || phase.role === 'overhead') && !shown.has(phase.id));
    if (unpaired.length === 0)
        return [];
    return [
        '## Measured phases without an overhead estimate',
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(PHASE_HEADER, unpaired.map((phase) => phaseRow(record, phase))),
        ''
    ];
}
function warmupSection(record) {
    const warmups = record.phases.filter((phase) => phase.role === 'warmup');
    if (warmups.length === 0)
        return [];
    return [
        '## Warm-up (not in the statistics)',
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(PHASE_HEADER, warmups.map((phase) => phaseRow(record, phase))),
        ''
    ];
}
function verdictSection(summary) {
    const lines = [];
    if (summary.failure) {
        const where = summary.failure.phase ? ` during ${summary.failure.phase}` : '';
        lines.push(`**The run stopped${where}:** ${summary.failure.message}`, '');
        if (summary.failure.logTail) {
            lines.push(`Last lines of ${summary.failure.logFile ?? 'the log'}:`, '', '```text', summary.failure.logTail, '```', '');
        }
    }
    else {
        lines.push(`**${summary.verdictSentence}**`, '');
    }
    if (summary.failures.length > 1) {
        lines.push('Failed checks:', '', ...summary.failures.map((failure) => `- ${failure}`), '');
    }
    if (summary.warnings.length > 0) {
        lines.push(...summary.warnings.map((warning) => `> ⚠️ ${warning}`), '');
    }
    return lines;
}
/** load-test-results.md: the seed's tables with intervals, histograms, and why it passed or failed. */
function renderMarkdown(record, summary = (0,_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .buildSummary */ .fR)(record)) {
    const lines = [
        `# Gateway load test: ${summary.headline}`,
        '',
        `Single gateway instance at ${record.config.rate} RPS · ${record.finishedAt}`,
        '',
        ...verdictSection(summary),
        ...summary.regression.flatMap(regressionSection),
        ...summary.overhead.flatMap((section) => overheadSection(record, section)),
        ...metricSections(summary.metrics.headline),
        ...unpairedSection(record, summary),
        ...summary.stress.flatMap((section) => stressSection(record, section)),
        ...validitySection(summary),
        ...metricSections(summary.metrics.details),
        ...errorsSection(record, summary),
        ...warmupSection(record),
        ...histogramSection(record),
        '## Method',
        '',
        ...summary.method.map((line) => `- ${line}`),
        '',
        '---',
        '*Generated by bifrost-load-test*',
        ''
    ];
    return lines.join('\n');
}


/***/ }),

/***/ 424:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ml: () => (/* binding */ metricTables),
/* harmony export */   TO: () => (/* binding */ exportedMetrics),
/* harmony export */   uG: () => (/* binding */ markdownMetricTable)
/* harmony export */ });
/* unused harmony export formatMetric */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(11);

/**
 * The tables of the rows shown at `shown`, per group, in the order the groups first appear.
 * A group's rows that compare head with base make one table, a line per row: base, head,
 * head − base and its interval (and in % of base when a row has it), and a limit column
 * when a check was made from a row. Its other rows make a table of phases (and targets, when
 * it has several) by figures, each cell the value with its interval, and ✓ or ✗ when a check
 * was made from it; titled "<group>, not compared" beside a comparison.
 */
function metricTables(rows, shown, checks = []) {
    const groups = new Map();
    for (const row of rows) {
        if (!shown.includes(row.shown))
            continue;
        const group = groups.get(row.group);
        if (group)
            group.push(row);
        else
            groups.set(row.group, [row]);
    }
    const checkById = new Map(checks.map((check) => [check.id, check]));
    return [...groups].flatMap(([title, group]) => {
        const compared = group.filter((row) => row.base !== undefined || row.regression !== undefined);
        const others = group.filter((row) => !compared.includes(row));
        if (compared.length === 0)
            return [phaseTable(title, group, checkById)];
        return [
            comparisonTable(title, compared, checkById),
            ...(others.length > 0 ? [phaseTable(`${title}, not compared`, others, checkById)] : [])
        ];
    });
}
/** Where a row is in its group: its phase, and its target when the group has several. */
function placeOf(group) {
    const targets = new Set(group.map((row) => row.target));
    return (row) => (targets.size > 1 && row.target ? `${row.phase} (${row.target})` : row.phase);
}
function comparisonTable(title, group, checkById) {
    const place = placeOf(group);
    const places = new Set(group.map(place));
    const withPct = group.some((row) => row.regressionPct !== undefined);
    const withCheck = group.some((row) => checkById.has(row.id));
    return {
        title,
        header: [
            'Metric',
            'Base',
            'Head',
            'Head − base',
            '95% CI',
            ...(withPct ? ['Head − base, %', '95% CI, %'] : []),
            ...(withCheck ? ['Limit', ''] : [])
        ],
        rows: group.map((row) => {
            const check = checkById.get(row.id);
            return [
                places.size > 1 ? `${row.label}, ${place(row)}` : row.label,
                row.base ? figureText(row.base, row) : '—',
                figureText(row, row),
                row.regression ? signedText(row.regression.value, row) : '—',
                intervalText(row.regression?.interval, row),
                ...(withPct
                    ? [
                        row.regressionPct ? signedText(row.regressionPct.value, PCT) : '—',
                        intervalText(row.regressionPct?.interval, PCT)
                    ]
                    : []),
                ...(withCheck ? (check ? [limitText(check, row), mark(check)] : ['not checked', '']) : [])
            ];
        })
    };
}
function phaseTable(title, group, checkById) {
    const place = placeOf(group);
    const columns = new Map();
    for (const row of group)
        if (!columns.has(row.metric))
            columns.set(row.metric, row.label);
    const lines = new Map();
    for (const row of group) {
        const key = place(row);
        const line = lines.get(key) ?? new Map();
        line.set(row.metric, row);
        lines.set(key, line);
    }
    return {
        title,
        header: ['Phase', ...columns.values()],
        rows: [...lines].map(([key, line]) => [
            key,
            ...[...columns.keys()].map((metric) => {
                const row = line.get(metric);
                if (!row)
                    return '—';
                const check = checkById.get(row.id);
                return `${figureText(row, row)}${check ? ` ${mark(check)}` : ''}`;
            })
        ])
    };
}
const PCT = { unit: '%', decimals: 1 };
const mark = (check) => (check.passed ? '✓' : '✗');
function limitText(check, format) {
    const relation = check.bound === 'max' ? '≤' : check.bound === 'min' ? '≥' : '<';
    return `${relation} ${formatMetric(check.limit, format)}`;
}
/** A value in its unit: "12.3%", "48.1 MiB", "30" for a count; "—" when not finite. */
function formatMetric(value, { unit, decimals }) {
    if (!Number.isFinite(value))
        return '—';
    const text = value.toFixed(decimals ?? (unit === '' ? 0 : 1));
    if (unit === '')
        return text;
    return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
/** A difference with its sign, a true minus, and ± for zero: "+2.1 µs", "−0.4%". */
function signedText(value, format) {
    const text = formatMetric(Math.abs(value), format);
    if (text === '—')
        return text;
    if (Number(Math.abs(value).toFixed(format.decimals ?? (format.unit === '' ? 0 : 1))) === 0) {
        return `±${text}`;
    }
    return `${value > 0 ? '+' : '−'}${text}`;
}
function intervalText(interval, format) {
    return interval && Number.isFinite(interval.low) && Number.isFinite(interval.high)
        ? `${formatMetric(interval.low, format)} … ${formatMetric(interval.high, format)}`
        : '—';
}
/** A value with its interval when it has one: "412.0 µs (401.2 µs … 420.9 µs)". */
function figureText(figure, format) {
    const interval = intervalText(figure.interval, format);
    const value = formatMetric(figure.value, format);
    return interval === '—' ? value : `${value} (${interval})`;
}
/**
 * A metric table in Markdown; cells are escaped for a table unless `escaped` says the text
 * is already inert (the PR comment escapes what it reads from the results JSON itself).
 */
function markdownMetricTable(table, escaped = false) {
    const cell = escaped ? (text) => text : _format_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeTableCell */ .aL;
    return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(table.header.map(cell), table.rows.map((row) => row.map(cell)));
}
/** The figures of the `headline` rows, for bencher.json and benchmark-action.json. */
function exportedMetrics(rows) {
    return rows
        .filter((row) => row.shown === 'headline')
        .flatMap((row) => {
        const where = `${row.phase}${row.target ? `, ${row.target}` : ''}`;
        const name = `${row.group}/${row.label} (${where})`.toLowerCase();
        const own = {
            name,
            measure: row.metric,
            unit: row.unit,
            value: row.value,
            ...(row.interval ? { interval: row.interval } : {}),
            worse: row.worse
        };
        if (!row.regression)
            return [own];
        return [
            own,
            {
                name: `regression head − base/${name}`,
                measure: `${row.metric}-regression`,
                unit: row.unit,
                value: row.regression.value,
                ...(row.regression.interval ? { interval: row.regression.interval } : {}),
                worse: row.worse
            }
        ];
    })
        .filter((figure) => Number.isFinite(figure.value));
}


/***/ }),

/***/ 30:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ redactor),
/* harmony export */   Fj: () => (/* binding */ secretsOf),
/* harmony export */   qF: () => (/* binding */ publicConfig),
/* harmony export */   qq: () => (/* binding */ shortSecretWarnings)
/* harmony export */ });
/* unused harmony exports REDACTED, KEY_LIKE_CHARS, MIN_SECRET_CHARS, isSecretHeader, maskableSecrets, redactText, redactJsonText, redactFile */
/* harmony import */ var _services_launch_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(861);

/**
 * The one redactor of the project: which configured values are secrets, and how every output
 * (console, reports, job summary, comment, artifact, baseline cache; CLI and action alike)
 * replaces them. Pure: text and bytes in, text and bytes out.
 */
const REDACTED = '***';
/**
 * Words of a header name that mark its value as a credential: `Authorization`,
 * `Proxy-Authorization`, `api-key`, `x-api-key`, `x-goog-api-key`, `x-auth-token`,
 * `Cookie`, bifrost's virtual key `x-bf-vk`… A name is split into words at `-` and `_`, so
 * `x-portkey-provider` holds none (its "key" is inside "portkey").
 */
const CREDENTIAL_NAME_WORDS = new Set([
    'apikey',
    'auth',
    'authorization',
    'cookie',
    'credential',
    'credentials',
    'key',
    'passwd',
    'password',
    'secret',
    'session',
    'signature',
    'token',
    'vk'
]);
/** `Bearer sk-1`, `Basic dXNlcjpwdw==`: an auth scheme, then the credential. */
const SCHEME_AND_CREDENTIAL = /^([A-Za-z][\w.+-]*)\s+(\S.*)$/;
/** Schemes that make a value a credential whatever its header is called (RFC 9110 §11). */
const AUTH_SCHEMES = new Set(['basic', 'bearer', 'digest', 'token']);
/**
 * A value this long with no space is taken for a key whatever its header is called: such a
 * value cannot be mistaken for an ordinary word, so redacting it costs nothing.
 */
const KEY_LIKE_CHARS = 20;
/**
 * Secrets shorter than this are redacted (as whole words only) but named in a warning, and
 * not handed to the Actions runner's masker, which replaces every occurrence of the letters
 * in the log, inside words too.
 */
const MIN_SECRET_CHARS = 8;
/**
 * Characters that continue a word, a key or an identifier: a secret only matches where
 * neither of its ends touches one of these. So the key `k` does not hit "checks" or
 * `mocker_latency_ms`, and `sk-1` does not hit `sk-12`.
 */
const WORD_CHAR = '[\\p{L}\\p{N}_-]';
/** In a binary file, read byte by byte, only ASCII letters and digits make words. */
const BYTE_WORD_CHAR = '[A-Za-z0-9_-]';
/** Whether a gateway header's value is a secret; see secretsOf for the rule. */
function isSecretHeader(name, value) {
    if (value === '')
        return false;
    const words = name.toLowerCase().split(/[-_]+/);
    if (words.some((word) => CREDENTIAL_NAME_WORDS.has(word)))
        return true;
    const scheme = SCHEME_AND_CREDENTIAL.exec(value)?.[1];
    if (scheme !== undefined && AUTH_SCHEMES.has(scheme.toLowerCase()))
        return true;
    return value.length >= KEY_LIKE_CHARS && !/\s/.test(value);
}
/** The credential inside a secret header value: the part after an auth scheme, or all of it. */
function credentialOf(value) {
    return SCHEME_AND_CREDENTIAL.exec(value)?.[2] ?? value;
}
/**
 * The run's secrets, longest first, as every output replaces them:
 * - each gateway header value that is a secret (isSecretHeader): the header's name says it
 *   is a credential (CREDENTIAL_NAME_WORDS), or the value starts with an auth scheme
 *   (`Bearer …`, `Basic …`), or it is KEY_LIKE_CHARS or longer with no space; with, on its
 *   own, the credential after an auth scheme (a log may show only the token). Other header
 *   values (a provider's name, an API version) are not secrets: shown as they are;
 * - the key the gateway's config gives the mock provider (MOCKER_KEY);
 * - for each, the form it takes inside a JSON string, when quotes or backslashes differ.
 */
function secretsOf(config) {
    const secrets = new Set();
    const add = (value) => {
        if (value === '')
            return;
        secrets.add(value);
        secrets.add(JSON.stringify(value).slice(1, -1));
    };
    for (const [name, value] of Object.entries(config.gateway.headers)) {
        if (!isSecretHeader(name, value))
            continue;
        add(value);
        add(credentialOf(value));
    }
    add(_services_launch_js__WEBPACK_IMPORTED_MODULE_0__/* .MOCKER_KEY */ .aM);
    return [...secrets].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}
/**
 * One warning per secret header whose credential is shorter than MIN_SECRET_CHARS, naming
 * the header, never the value.
 */
function shortSecretWarnings(config) {
    return Object.entries(config.gateway.headers)
        .filter(([name, value]) => isSecretHeader(name, value))
        .filter(([, value]) => credentialOf(value).length < MIN_SECRET_CHARS)
        .map(([name, value]) => `gateway-headers ${name}: its credential is ${credentialOf(value).length} characters long, fewer than ${MIN_SECRET_CHARS}. It is replaced by ${REDACTED} wherever it stands as a word of its own (so an ordinary word equal to it is hidden too), and the Actions runner is not asked to mask it (that would hide those letters inside every word of the log). Use a test key of ${MIN_SECRET_CHARS} characters or more.`);
}
/** The secrets a runner's masker may be given: those long enough not to hide ordinary text. */
function maskableSecrets(secrets) {
    return secrets.filter((secret) => secret.length >= MIN_SECRET_CHARS);
}
const escapeRegExp = (text) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
/**
 * One pattern for all the secrets, longest first (so a value is replaced whole before a part
 * of it), each bounded as a whole word where its end is a word character; undefined for none.
 */
function secretsPattern(secrets, wordChar = WORD_CHAR) {
    const ordered = [...new Set(secrets)]
        .filter((secret) => secret !== '')
        .sort((a, b) => b.length - a.length);
    if (ordered.length === 0)
        return undefined;
    const wordCharOnly = new RegExp(`^${wordChar}$`, 'u');
    const isWordChar = (char) => char !== undefined && wordCharOnly.test(char);
    const alternatives = ordered.map((secret) => {
        const chars = [...secret];
        const before = isWordChar(chars[0]) ? `(?<!${wordChar})` : '';
        const after = isWordChar(chars.at(-1)) ? `(?!${wordChar})` : '';
        return `${before}${escapeRegExp(secret)}${after}`;
    });
    return new RegExp(alternatives.join('|'), 'gu');
}
/**
 * A function replacing each secret in a text by ***, where it stands as a whole word (see
 * WORD_CHAR): with the secret `k`, "key k." → "key ***." and "checks" stays. Build it once
 * per set of secrets.
 */
function redactor(secrets) {
    const pattern = secretsPattern(secrets);
    if (pattern === undefined)
        return (text) => text;
    return (text) => text.replace(pattern, REDACTED);
}
/** `text` with every secret replaced (see redactor). */
function redactText(text, secrets) {
    return redactor(secrets)(text);
}
/** A JSON string literal, escapes included; outside strings, valid JSON has no quote. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/gs;
/**
 * A JSON document with the secrets replaced inside its string values only: keys, numbers
 * and layout are left byte for byte, and each changed value is written back as a JSON
 * string, so the result is valid JSON that parses to the same structure. Returns undefined
 * when `text` is not JSON.
 */
function redactJsonText(text, secrets) {
    try {
        JSON.parse(text);
    }
    catch {
        return undefined;
    }
    const redact = redactor(secrets);
    const colon = /\s*:/y;
    return text.replace(JSON_STRING, (literal, offset) => {
        // A key is followed by a colon; its name is not a secret and stays as it is.
        colon.lastIndex = offset + literal.length;
        if (colon.test(text))
            return literal;
        const value = JSON.parse(literal);
        const redacted = redact(value);
        return redacted === value ? literal : JSON.stringify(redacted);
    });
}
/**
 * One file as an upload may carry it:
 * - JSON (the name ends in .json and the content parses): redactJsonText, still valid JSON;
 * - other UTF-8 text: every secret replaced as a whole word;
 * - binary (a NUL byte, or not UTF-8; vegeta's .bin results are Go gob): never rewritten. It
 *   holds no request header (vegeta records the response's), but a response body or header
 *   may echo a key; so it goes as it is when no secret occurs in its bytes as a whole word,
 *   and is left out otherwise (leftOut says why, without the secret).
 */
function redactFile(fileName, content, secrets) {
    const text = utf8Text(content);
    if (text === undefined) {
        const pattern = secretsPattern(secrets.map((secret) => Buffer.from(secret).toString('latin1')), BYTE_WORD_CHAR);
        if (pattern?.test(content.toString('latin1'))) {
            return {
                leftOut: 'a binary file holding a secret (a response may echo a key), which cannot be redacted without corrupting it'
            };
        }
        return { content, changed: false };
    }
    const redacted = (fileName.endsWith('.json') ? redactJsonText(text, secrets) : undefined) ??
        redactText(text, secrets);
    return redacted === text
        ? { content, changed: false }
        : { content: Buffer.from(redacted), changed: true };
}
/** The content as text, or undefined for binary content (a NUL byte, or invalid UTF-8). */
function utf8Text(content) {
    if (content.includes(0))
        return undefined;
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(content);
    }
    catch {
        return undefined;
    }
}
/**
 * The config as reports show it: secret header values (isSecretHeader) replaced by ***,
 * since results files, artifacts and job summaries are readable by anyone who can see the
 * run; other header values shown, as they help read a failure.
 */
function publicConfig(config) {
    const headers = Object.fromEntries(Object.entries(config.gateway.headers).map(([name, value]) => [
        name,
        isSecretHeader(name, value) ? REDACTED : value
    ]));
    return { ...config, gateway: { ...config.gateway, headers } };
}


/***/ }),

/***/ 994:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AP: () => (/* binding */ attackOf),
/* harmony export */   OR: () => (/* binding */ baselineNote),
/* harmony export */   ZB: () => (/* binding */ statusHeadline),
/* harmony export */   fR: () => (/* binding */ buildSummary),
/* harmony export */   vy: () => (/* binding */ formatInterval)
/* harmony export */ });
/* unused harmony exports modeTitle, overheadWithInterval, overheadTelemetrySentence, regressionTelemetrySentence */
/* harmony import */ var _analysis_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(978);
/* harmony import */ var _analysis_verdict_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(319);
/* harmony import */ var _engine_probes_telemetry_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(785);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(11);
/* harmony import */ var _metric_rows_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(424);





const modeTitle = (mode) => (mode === 'streaming' ? ' (streaming)' : '');
function statusHeadline(status) {
    if (status === 'passed')
        return '✅ PASSED';
    if (status === 'failed')
        return '❌ FAILED';
    return '⚠️ ERROR';
}
const formatInterval = (interval) => interval && Number.isFinite(interval.low)
    ? `${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(interval.low)} … ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(interval.high)}`
    : '—';
/** A statistic's overhead with its interval, e.g. "205.3 µs (95% CI 190.1 … 221.0 µs)". */
function overheadWithInterval(row, confidence) {
    return row.interval
        ? `${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(row.overheadUs)} (${Math.round(confidence * 100)}% CI ${formatInterval(row.interval)})`
        : (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(row.overheadUs);
}

function verdictSentence(record, overhead, regression) {
    if (record.failure) {
        return `Stopped${record.failure.phase ? ` during ${record.failure.phase}` : ''}: ${record.failure.message.split('\n')[0]}`;
    }
    const failures = record.verdict.failures;
    if (failures.length > 0) {
        const invalid = failures.filter((check) => check.category === 'validity');
        if (invalid.length > 0) {
            return `Measurement invalid: ${invalid.map(_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .describeFailure */ .Ic).join('; ')}`;
        }
        return failures.map(_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .describeFailure */ .Ic).join('; ');
    }
    const compared = regression.map((section) => `${section.sentence}${modeTitle(section.mode)}`);
    if (compared.length > 0) {
        return `All ${record.verdict.checks.length} checks passed at ${record.config.rate} RPS: ${compared.join('; ')}.`;
    }
    const headline = overhead
        .map((section) => {
        const p50 = section.rows.find((row) => row.key === 'p50');
        return p50
            ? `p50 overhead${modeTitle(section.mode)} ${overheadWithInterval(p50, section.estimate.confidence)}`
            : '';
    })
        .filter((text) => text !== '')
        .join(', ');
    return `All ${record.verdict.checks.length} checks passed at ${record.config.rate} RPS${headline ? `: ${headline}` : ''}.`;
}
function overheadSection(record, estimate) {
    const calibration = record.phases.find((phase) => phase.id === estimate.calibrationPhaseId);
    const overhead = record.phases.find((phase) => phase.id === estimate.overheadPhaseId);
    if (!calibration || !overhead)
        return undefined;
    const checks = new Map(record.verdict.checks.map((check) => [check.id, check]));
    const suffix = estimate.mode === 'streaming' ? '-streaming' : '';
    const checked = new Set(_analysis_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .CHECKED_STATS */ .o_);
    const baseline = record.config.baseline;
    const baselineUs = baseline?.overheadUs[estimate.mode];
    const telemetry = overheadTelemetrySentence((0,_engine_probes_telemetry_js__WEBPACK_IMPORTED_MODULE_1__/* .gatewayTelemetryOf */ .xu)(record.metrics, overhead.id), estimate.estimateUs.mean);
    return {
        mode: estimate.mode,
        title: `Overhead${modeTitle(estimate.mode)} at ${record.config.rate} RPS (mock provider latency ${record.config.overheadMockerLatencyMs} ms)`,
        measurement: record.config.measurement,
        rate: record.config.rate,
        durationS: record.config.overheadDurationS,
        mockerLatencyMs: record.config.overheadMockerLatencyMs,
        calibration,
        overhead,
        estimate,
        rows: _format_js__WEBPACK_IMPORTED_MODULE_2__/* .STAT_COLUMNS */ .H8.map(({ key, title }) => ({
            key,
            title,
            directNs: calibration.statistics.latencyNs[key],
            gatewayNs: overhead.statistics.latencyNs[key],
            overheadUs: estimate.estimateUs[key],
            interval: estimate.intervalUs?.[key],
            check: checked.has(key) ? checks.get(`overhead${suffix}-${key}`) : undefined,
            ...baselineColumns(estimate.estimateUs[key], baselineUs?.[key])
        })),
        ...(telemetry === undefined ? {} : { telemetry }),
        ...(baseline && baselineUs
            ? {
                baseline: {
                    file: baseline.file,
                    timestamp: baseline.timestamp,
                    ...(baseline.rate === undefined ? {} : { rate: baseline.rate })
                }
            }
            : {})
    };
}
/**
 * The gateway's own mean overhead for the overhead phase (its `telemetry`) beside the mean
 * measured from outside (µs); undefined when the gateway exported no overhead histogram.
 */
function overheadTelemetrySentence(telemetry, measuredMeanUs) {
    if (!telemetry)
        return undefined;
    return `The gateway's own telemetry (${telemetry.metric}, GET /metrics) reports a mean overhead of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(telemetry.meanUs)} over the ${telemetry.requests} requests it finished during this phase; measured from outside, the mean overhead is ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(measuredMeanUs)}. The gateway's figure leaves out what lies outside its own timer, such as reading and writing the HTTP exchange with the client.`;
}
/**
 * Head's and base's own mean overheads for the measured attack (their telemetry), and their
 * difference beside the mean regression measured from outside (µs); undefined unless both
 * exported one.
 */
function regressionTelemetrySentence(headTelemetry, baseTelemetry, measuredMeanUs) {
    if (!headTelemetry || !baseTelemetry)
        return undefined;
    return `The gateways' own telemetry (${headTelemetry.metric}) reports a mean overhead of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(headTelemetry.meanUs)} for head and ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(baseTelemetry.meanUs)} for base (over ${headTelemetry.requests} and ${baseTelemetry.requests} requests), a difference of ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(headTelemetry.meanUs - baseTelemetry.meanUs)}; measured from outside, the mean regression is ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(measuredMeanUs)}.`;
}
/** A statistic's baseline and this run's difference from it, when the baseline has it. */
function baselineColumns(overheadUs, baselineUs) {
    if (baselineUs === undefined || !Number.isFinite(overheadUs))
        return {};
    return { baselineUs, vsBaselineUs: overheadUs - baselineUs };
}
/**
 * What the baseline column means, in a sentence: which run it is, and that it is
 * informative only.
 */
function baselineNote(baseline, currentRate) {
    const rate = baseline.rate !== undefined && baseline.rate !== currentRate
        ? `, measured at ${baseline.rate} RPS (this run: ${currentRate})`
        : '';
    return `Baseline: the overhead of an earlier run (${baseline.timestamp}${rate}); "vs baseline" is this run's overhead minus it. Informative only: it was measured on another runner, on another day, and is not checked.`;
}
function regressionSection(record, estimate) {
    const checks = new Map(record.verdict.checks.map((check) => [check.id, check]));
    const head = record.evaluation.overhead.find((overhead) => overhead.mode === estimate.mode);
    const suffix = estimate.mode === 'streaming' ? '-streaming' : '';
    const telemetry = regressionTelemetrySentence((0,_engine_probes_telemetry_js__WEBPACK_IMPORTED_MODULE_1__/* .gatewayTelemetryOf */ .xu)(record.metrics, estimate.headPhaseId), (0,_engine_probes_telemetry_js__WEBPACK_IMPORTED_MODULE_1__/* .gatewayTelemetryOf */ .xu)(record.metrics, estimate.basePhaseId), estimate.regressionUs.mean);
    return {
        mode: estimate.mode,
        title: `Head against ${estimate.baseRef ?? 'base'}${modeTitle(estimate.mode)} at ${record.config.rate} RPS`,
        estimate,
        sentence: (0,_analysis_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .regressionSentence */ .HX)(estimate, 'p50'),
        ...(telemetry === undefined ? {} : { telemetry }),
        rows: _format_js__WEBPACK_IMPORTED_MODULE_2__/* .STAT_COLUMNS */ .H8.map(({ key, title }) => ({
            key,
            title,
            baseUs: estimate.baseOverheadUs[key],
            baseInterval: estimate.baseIntervalUs?.[key],
            headUs: estimate.headOverheadUs[key],
            headInterval: head?.intervalUs?.[key],
            regressionUs: estimate.regressionUs[key],
            interval: estimate.intervalUs?.[key],
            check: checks.get(`regression${suffix}-${key}`)
        }))
    };
}
function stressSections(record) {
    const checks = new Map(record.verdict.checks.map((check) => [check.id, check]));
    const config = record.config;
    return config.modes.flatMap((mode) => {
        const runs = record.phases.filter((phase) => phase.mode === mode && phase.role === 'stress');
        if (runs.length === 0)
            return [];
        return [
            {
                mode,
                title: `Stress runs${modeTitle(mode)}`,
                mockerLatencyMs: config.stressMockerLatencyMs,
                durationS: config.stressDurationS,
                idleS: config.stressIdleS,
                minSuccessPct: config.minStressSuccessRatePct,
                runs: runs.map((phase) => ({
                    phase,
                    successPct: phase.statistics.successRatio * 100,
                    check: checks.get(`${phase.id}-success-rate`)
                }))
            }
        ];
    });
}
function methodLines(record, overhead) {
    const config = record.config;
    const lines = [
        config.measurement === 'interleaved'
            ? '**Interleaved measurement**: calibration (vegeta → mock provider) and overhead (vegeta → gateway → mock provider) run as one vegeta attack whose requests alternate between the two targets, each at the configured rate, so a slow spell of the machine weighs on both alike. Overhead = through the gateway − direct, statistic by statistic.'
            : "**Sequential measurement** (the seed's method): calibration (vegeta → mock provider), then overhead (vegeta → gateway → mock provider), at the same rate and duration. Overhead = through the gateway − direct, statistic by statistic.",
        config.warmupDurationS > 0
            ? `**Warm-up**: ${config.warmupDurationS}s at the same rate against every target before each overhead measurement, so connections are open and caches warm; recorded, but not in the statistics.`
            : '**No warm-up** (warmup-duration 0): the first requests open connections and may carry start-up costs.',
        `**Valid responses only**: a request succeeds with a 2xx status and a chat completion body (JSON with choices; for streaming, server-sent events ending with data: [DONE]); failed requests are counted apart and left out of the latencies.`,
        "**Exact statistics** from every successful request (nearest rank), not vegeta's estimates.",
        ...overhead
            .slice(0, 1)
            .map((section) => `**Uncertainty**: ${section.estimate.intervalMethod}.`),
        `**Load checks**: each measured phase must reach ${config.minAchievedRatePct}% of its configured rate without vegeta running out of workers (max-workers ${config.maxWorkers}); otherwise requests wait inside vegeta, unseen in the latencies (coordinated omission). The direct requests' p50 may exceed the mock provider's latency by at most ${config.maxCalibrationExcessUs} µs; beyond that the runner could not keep up.`,
        `**Limits**: mean ≤ ${config.maxOverheadUs.mean} µs, p50 ≤ ${config.maxOverheadUs.p50} µs, p90 ≤ ${config.maxOverheadUs.p90} µs, p95 ≤ ${config.maxOverheadUs.p95} µs, p99 ≤ ${config.maxOverheadUs.p99} µs, compared with the estimates; min, p99.9 and max rest on a few requests each and are reported, not checked. An overhead whose interval lies wholly below zero marks the measurement unreliable.`,
        '**Restart** of the mock provider and the gateway before the stress runs, so pooled connections from the overhead phases cannot affect them; the mock provider then closes idle connections before each idle period ends.'
    ];
    return lines;
}
/** The summary of a record; see RunSummary. */
function buildSummary(record) {
    const overhead = record.evaluation.overhead
        .map((estimate) => overheadSection(record, estimate))
        .filter((section) => section !== undefined);
    const regression = record.evaluation.regression.map((estimate) => regressionSection(record, estimate));
    return {
        status: record.status,
        headline: statusHeadline(record.status),
        verdictSentence: verdictSentence(record, overhead, regression),
        failure: record.failure,
        overhead,
        regression,
        stress: stressSections(record),
        validity: record.verdict.checks.filter((check) => check.category === 'validity'),
        failures: record.verdict.failures.map(_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .describeFailure */ .Ic),
        warnings: record.verdict.warnings,
        invalidResponses: record.phases.flatMap((phase) => phase.statistics.invalidResponse
            ? [{ phaseLabel: phase.label, example: phase.statistics.invalidResponse }]
            : []),
        metrics: {
            headline: (0,_metric_rows_js__WEBPACK_IMPORTED_MODULE_3__/* .metricTables */ .Ml)(record.metrics, ['headline'], record.verdict.checks),
            details: (0,_metric_rows_js__WEBPACK_IMPORTED_MODULE_3__/* .metricTables */ .Ml)(record.metrics, ['details'], record.verdict.checks)
        },
        method: methodLines(record, overhead)
    };
}
/** The attack a phase belonged to. */
function attackOf(record, phase) {
    return record.attacks.find((attack) => attack.id === phase.attackId);
}


/***/ }),

/***/ 103:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bx: () => (/* binding */ handleInterrupts),
/* harmony export */   vs: () => (/* binding */ signalExitStatus)
/* harmony export */ });
/* unused harmony export DEFAULT_STOP_GRACE_MS */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(729);


const DEFAULT_STOP_GRACE_MS = 30_000;
/** 128 + the signal's number, as a shell reports a death by that signal: 130 for SIGINT, 143 for SIGTERM. */
function signalExitStatus(signal) {
    return 128 + ((node_os__WEBPACK_IMPORTED_MODULE_0___default().constants).signals[signal] ?? 0);
}
/**
 * Ctrl-C and SIGTERM for a front end. The first signal aborts the run, which stops what it
 * started and writes what completed (the front end then exits with signalExitStatus). A second
 * signal, or the grace period running out (a run stuck where it cannot see the abort), kills
 * every process we started at once, runs cleanUpNow and exits with signalExitStatus. No
 * signal is ever swallowed.
 */
function handleInterrupts(options) {
    const graceMs = options.graceMs ?? DEFAULT_STOP_GRACE_MS;
    const exit = options.exit ?? ((code) => process.exit(code));
    const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
    const controller = new AbortController();
    let graceTimer;
    const stopNow = (signal, why) => {
        options.log(`${why}: stopping everything now.`);
        (0,_process_js__WEBPACK_IMPORTED_MODULE_1__/* .killAllProcessesNow */ .Zz)();
        options.cleanUpNow?.();
        exit(signalExitStatus(signal));
    };
    const onSignal = (signal) => {
        if (controller.signal.aborted) {
            stopNow(signal, `${signal} again`);
            return;
        }
        options.log(`${signal}: stopping the run and writing what completed… (send it again to stop at once)`);
        controller.abort(signal);
        graceTimer = setTimeout(() => stopNow(signal, `the run did not stop within ${graceMs / 1000} s of ${signal}`), graceMs);
        // The timer must not keep a finished run alive; it still fires while anything else runs.
        graceTimer.unref();
    };
    for (const signal of signals)
        process.on(signal, onSignal);
    return {
        signal: controller.signal,
        dispose: () => {
            clearTimeout(graceTimer);
            for (const signal of signals)
                process.off(signal, onSignal);
        }
    };
}


/***/ }),

/***/ 861:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   OD: () => (/* binding */ bifrostSchemaPath),
/* harmony export */   RI: () => (/* binding */ gatewayLogLevel),
/* harmony export */   Zn: () => (/* binding */ LOOPBACK_HOST),
/* harmony export */   aM: () => (/* binding */ MOCKER_KEY),
/* harmony export */   at: () => (/* binding */ mockerArgv),
/* harmony export */   bU: () => (/* binding */ gatewayArgv),
/* harmony export */   ec: () => (/* binding */ writeGatewayAppDir)
/* harmony export */ });
/* unused harmony exports bifrostSizing, bifrostConfig, userBifrostConfig, SCHEMA_IN_CHECKOUT */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(126);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(916);
/* harmony import */ var _ensure_directory_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(683);






const LOOPBACK_HOST = '127.0.0.1';
/**
 * The API key the gateway's config gives the mock provider (every key value of a user's
 * config becomes it), and calibration sends it. Not a real secret, but treated as one:
 * reports and uploaded logs show it redacted.
 */
const MOCKER_KEY = 'mocker-key';
/**
 * The mock provider's argv: the upstream mocker's flags, bound to loopback; -idle-timeout
 * (ours only) when asked for.
 */
function mockerArgv(binaryPath, port, latencyMs, idleTimeoutS) {
    const argv = [
        binaryPath,
        '-host',
        LOOPBACK_HOST,
        '-port',
        String(port),
        '-latency',
        String(latencyMs)
    ];
    if (idleTimeoutS !== undefined)
        argv.push('-idle-timeout', `${Math.round(idleTimeoutS * 1000)}ms`);
    return argv;
}
/** Our config's request timeout, and the margin above the mock provider's latency. */
const DEFAULT_REQUEST_TIMEOUT_S = 30;
const REQUEST_TIMEOUT_MARGIN_S = 15;
/**
 * How the gateway's provider settings are sized for a load: connections per host for every
 * request in flight plus a quarter (bifrost's default 5000 at least, its limit 10000 at
 * most: config validation refuses loads above it), provider concurrency and the client's
 * pool twice the requests in flight (upstream's script: 5000/10000, pool 5000, at least),
 * and a request timeout above the mock provider's latency.
 */
function bifrostSizing(requestsInFlight, mockerLatencyMs = 0) {
    const concurrency = Math.max(5000, requestsInFlight * 2);
    return {
        maxConnsPerHost: Math.min(_config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_3__/* .BIFROST_MAX_CONNS_PER_HOST */ .mD, Math.max(_config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_3__/* .BIFROST_DEFAULT_CONNS_PER_HOST */ .vg, Math.ceil(requestsInFlight * 1.25))),
        concurrency,
        bufferSize: concurrency * 2,
        initialPoolSize: concurrency,
        requestTimeoutS: Math.max(DEFAULT_REQUEST_TIMEOUT_S, Math.ceil(mockerLatencyMs / 1000) + REQUEST_TIMEOUT_MARGIN_S)
    };
}
/**
 * bifrost-http's config.json of our own: one OpenAI provider whose base URL is the mock
 * provider, stores and logging off so they do not weigh on the measurement, and the
 * provider's connections and concurrency sized by bifrostSizing so the gateway never queues.
 */
function bifrostConfig(mockerBaseUrl, requestsInFlight, mockerLatencyMs = 0) {
    const size = bifrostSizing(requestsInFlight, mockerLatencyMs);
    return {
        $schema: 'https://www.getbifrost.ai/schema',
        client: {
            enable_logging: false,
            initial_pool_size: size.initialPoolSize,
            drop_excess_requests: false,
            allow_direct_keys: false
        },
        config_store: { enabled: false },
        logs_store: { enabled: false },
        plugins: [],
        providers: {
            openai: {
                keys: [{ name: MOCKER_KEY, value: MOCKER_KEY, weight: 1, models: ['*'] }],
                network_config: {
                    base_url: mockerBaseUrl,
                    default_request_timeout_in_seconds: size.requestTimeoutS,
                    max_conns_per_host: size.maxConnsPerHost
                },
                concurrency_and_buffer_size: { concurrency: size.concurrency, buffer_size: size.bufferSize }
            }
        }
    };
}
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (parent, key) => {
    const value = parent[key];
    if (isObject(value))
        return value;
    const created = {};
    parent[key] = created;
    return created;
};
const atLeast = (value, minimum) => typeof value === 'number' && value > minimum ? value : minimum;
/**
 * The user's config.json (bifrost-config) made to run against the mock provider: the
 * OpenAI provider's base URL is the mock provider and its keys send our key for any model;
 * every provider's key values are replaced by our key, so no secret of theirs reaches the
 * results; connections, concurrency, pool size and timeout are raised to bifrostSizing
 * where theirs are lower (never lowered); everything else (plugins, governance, logging,
 * their other providers) is kept. The input is not modified.
 */
function userBifrostConfig(userConfig, mockerBaseUrl, requestsInFlight, mockerLatencyMs = 0) {
    const size = bifrostSizing(requestsInFlight, mockerLatencyMs);
    const config = structuredClone(userConfig);
    const providers = objectAt(config, 'providers');
    for (const provider of Object.values(providers)) {
        if (!isObject(provider) || !Array.isArray(provider.keys))
            continue;
        for (const key of provider.keys) {
            if (isObject(key) && 'value' in key)
                key.value = MOCKER_KEY;
        }
    }
    const openai = objectAt(providers, 'openai');
    const keys = Array.isArray(openai.keys) ? openai.keys.filter(isObject) : [];
    openai.keys =
        keys.length > 0
            ? keys.map((key) => ({ ...key, value: MOCKER_KEY, models: ['*'] }))
            : [{ name: MOCKER_KEY, value: MOCKER_KEY, weight: 1, models: ['*'] }];
    const network = objectAt(openai, 'network_config');
    network.base_url = mockerBaseUrl;
    network.max_conns_per_host = Math.min(_config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_3__/* .BIFROST_MAX_CONNS_PER_HOST */ .mD, atLeast(network.max_conns_per_host, size.maxConnsPerHost));
    network.default_request_timeout_in_seconds = atLeast(network.default_request_timeout_in_seconds, size.requestTimeoutS);
    const concurrency = objectAt(openai, 'concurrency_and_buffer_size');
    concurrency.concurrency = atLeast(concurrency.concurrency, size.concurrency);
    concurrency.buffer_size = atLeast(concurrency.buffer_size, size.bufferSize);
    const client = objectAt(config, 'client');
    client.initial_pool_size = atLeast(client.initial_pool_size, size.initialPoolSize);
    return config;
}
/** Where bifrost keeps config.schema.json in a checkout (bifrost-http reads it from its working directory). */
const SCHEMA_IN_CHECKOUT = 'transports/config.schema.json';
/** The checkout's config.schema.json, if the gateway is built from a checkout that has one. */
function bifrostSchemaPath(source) {
    if (source.kind !== 'bifrost-checkout')
        return undefined;
    const candidate = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(source.path, SCHEMA_IN_CHECKOUT);
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(candidate) ? candidate : undefined;
}
/**
 * Writes <appDir>/config.json (ours, or the user's pointed at the mock provider) and copies
 * config.schema.json beside it when given, so bifrost validates against the checkout's own
 * schema instead of downloading one. Returns the config's path.
 */
async function writeGatewayAppDir(appDir, mockerBaseUrl, requestsInFlight, options = {}) {
    await (0,_ensure_directory_js__WEBPACK_IMPORTED_MODULE_5__/* .ensureDirectory */ .E)(appDir);
    const configPath = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(appDir, 'config.json');
    let config = bifrostConfig(mockerBaseUrl, requestsInFlight, options.mockerLatencyMs);
    if (options.userConfigPath !== undefined) {
        // Checked when the config was resolved; read again here, so it is never kept in the config.
        const loaded = (0,_config_bifrost_config_js__WEBPACK_IMPORTED_MODULE_3__/* .loadBifrostConfig */ .u)(options.userConfigPath);
        if (!loaded.ok) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LoadTestError */ .v('setup', `bifrost-config: got ${options.userConfigPath}, ${loaded.problem}.`);
        }
        config = userBifrostConfig(loaded.document, mockerBaseUrl, requestsInFlight, options.mockerLatencyMs);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(configPath, `${JSON.stringify(config, null, 2)}\n`);
    if (options.schemaPath !== undefined) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)(options.schemaPath, node_path__WEBPACK_IMPORTED_MODULE_2___default().join(appDir, 'config.schema.json'));
    }
    return configPath;
}
/**
 * bifrost-http's -log-level: warn, as upstream's load-test script runs it (at info it logs
 * every request), unless readiness is read from the log: the ready line is logged at info.
 */
function gatewayLogLevel(gateway) {
    return gateway.healthPath === '' ? 'info' : 'warn';
}
/**
 * The gateway's argv. A bifrost checkout or binary gets bifrost-http's flags; a command's
 * placeholders are substituted word by word, so a value can never become a new word.
 */
function gatewayArgv(launch) {
    if (launch.source.kind === 'command') {
        const values = {
            host: LOOPBACK_HOST,
            port: String(launch.port),
            upstream: launch.mockerBaseUrl,
            app_dir: launch.appDir
        };
        return launch.source.argvTemplate.map((word) => word.replace(/\{(host|port|upstream|app_dir)\}/g, (_, name) => values[name] ?? ''));
    }
    if (launch.binaryPath === undefined)
        throw new Error('a bifrost gateway needs its binary');
    return [
        launch.binaryPath,
        '-app-dir',
        launch.appDir,
        '-port',
        String(launch.port),
        '-host',
        LOOPBACK_HOST,
        '-log-level',
        launch.logLevel ?? 'warn'
    ];
}


/***/ }),

/***/ 649:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ servicePorts),
/* harmony export */   O3: () => (/* binding */ stopOurProcess),
/* harmony export */   Vl: () => (/* binding */ stopEscapedListeners),
/* harmony export */   Vo: () => (/* binding */ processCommandLine),
/* harmony export */   Zo: () => (/* binding */ describeListenersAfterExit),
/* harmony export */   fK: () => (/* binding */ findListeners)
/* harmony export */ });
/* unused harmony exports listeningSocketInodes, describeHolder */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(916);
/* harmony import */ var _proc_stats_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(208);
/* harmony import */ var _run_token_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(529);





/** The gateway's and the mock provider's ports, as stopEscapedListeners takes them (0: none). */
function servicePorts(ports) {
    return [
        { name: 'gateway', port: ports.gateway ?? 0 },
        ...(ports.base === undefined ? [] : [{ name: 'base gateway', port: ports.base }]),
        { name: 'mock provider', port: ports.mocker ?? 0 }
    ];
}
const TCP_LISTEN_STATE = '0A';
const DEFAULT_GRACE_MS = 5000;
const KILL_WAIT_MS = 2000;
const POLL_INTERVAL_MS = 25;
const MAX_COMMAND_CHARS = 200;
/** How long a listening socket may outlive its last holder (see settledListeners). */
const SOCKET_RELEASE_WAIT_MS = 1000;
/** Inodes of the sockets listening on `port`, any address, IPv4 or IPv6. */
function listeningSocketInodes(port, procRoot = '/proc') {
    const inodes = [];
    for (const table of ['tcp', 'tcp6']) {
        let content;
        try {
            content = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${procRoot}/net/${table}`, 'utf8');
        }
        catch {
            continue;
        }
        // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode"
        for (const line of content.split('\n').slice(1)) {
            const fields = line.trim().split(/\s+/);
            if (fields.length < 10 || fields[3] !== TCP_LISTEN_STATE)
                continue;
            const localPort = Number.parseInt(fields[1]?.split(':').at(-1) ?? '', 16);
            const inode = Number(fields[9]);
            if (localPort === port && inode > 0)
                inodes.push(inode);
        }
    }
    return inodes;
}
/** The processes holding any of `port`'s listening sockets, and how many sockets have none we can see. */
function findListeners(port, options = {}) {
    const procRoot = options.procRoot ?? '/proc';
    const inodes = new Set(listeningSocketInodes(port, procRoot));
    if (inodes.size === 0)
        return { port, holders: [], unseenSockets: 0 };
    const holders = [];
    const seen = new Set();
    for (const entry of safeReaddir(procRoot)) {
        if (!/^\d+$/.test(entry))
            continue;
        const pid = Number(entry);
        let holds = false;
        for (const fd of safeReaddir(`${procRoot}/${pid}/fd`)) {
            const inode = socketInode(`${procRoot}/${pid}/fd/${fd}`);
            if (inode !== undefined && inodes.has(inode)) {
                holds = true;
                seen.add(inode);
            }
        }
        if (!holds)
            continue;
        holders.push({
            pid,
            command: processCommandLine(pid, procRoot),
            ourStartTimeTicks: (0,_run_token_js__WEBPACK_IMPORTED_MODULE_4__/* .ourProcessStartTicks */ .G4)(pid, options)
        });
    }
    return { port, holders, unseenSockets: inodes.size - seen.size };
}
const isOurs = (holder) => holder.ourStartTimeTicks !== undefined;
/** "pid 123 (node server.js --port 8080)" */
function describeHolder(holder) {
    return `pid ${holder.pid} (${holder.command})`;
}
/**
 * For a service that exited with status 0 before it was ready: if something now listens on
 * its port, a sentence saying what (a process of ours means the command daemonized), else
 * undefined.
 */
function describeListenersAfterExit(port, options = {}) {
    const { holders, unseenSockets } = findListeners(port, options);
    const ours = holders.filter((holder) => holder.ourStartTimeTicks !== undefined);
    const foreign = holders.filter((holder) => holder.ourStartTimeTicks === undefined);
    const parts = [];
    if (ours.length > 0) {
        parts.push(`the command daemonized: ${ours.map(describeHolder).join(', ')} listens on port ${port}; run the gateway in the foreground (no setsid, trailing &, -d/--detach or service manager), so the run can watch it and stop it. The run stops what it started`);
    }
    if (foreign.length > 0 || unseenSockets > 0) {
        parts.push(`port ${port} is held by ${describeStrangers(foreign, unseenSockets)}`);
    }
    return parts.length > 0 ? parts.join('; ') : undefined;
}
/**
 * After the services were stopped: makes sure nothing still listens on their ports. A
 * listener that carries our run token (it left its process group: setsid, a daemon) is
 * stopped, SIGTERM then SIGKILL after graceMs, each signal only after checking that its pid
 * still names the same process. Any other listener is never signalled.
 *
 * @returns one sentence per process of ours that had to be stopped, for the run's warnings.
 * @throws LoadTestError('setup') naming each port still held, and by whom (pid and command
 *   line), when a listener is not ours or would not stop.
 */
async function stopEscapedListeners(ports, options = {}) {
    const stopped = [];
    const stillHeld = [];
    for (const { name, port } of ports) {
        if (port <= 0)
            continue;
        const before = await settledListeners(port, options);
        if (before.holders.length === 0 && before.unseenSockets === 0)
            continue;
        const ours = before.holders.filter(isOurs);
        await Promise.all(ours.map((holder) => stopOurProcess({ pid: holder.pid, startTimeTicks: holder.ourStartTimeTicks }, options)));
        for (const holder of ours) {
            stopped.push(`stopped ${describeHolder(holder)}, which this run started and which was still listening on the ${name} port ${port} after the ${name} stopped (it had left its process group)`);
        }
        const after = await settledListeners(port, options);
        if (after.holders.length > 0 || after.unseenSockets > 0) {
            const foreign = after.holders.filter((holder) => holder.ourStartTimeTicks === undefined);
            const stubborn = after.holders.filter((holder) => holder.ourStartTimeTicks !== undefined);
            const who = [
                ...(foreign.length > 0 || after.unseenSockets > 0
                    ? [`${describeStrangers(foreign, after.unseenSockets)}, not started by this run`]
                    : []),
                ...stubborn.map((holder) => `${describeHolder(holder)}, ours, which survived SIGKILL`)
            ];
            stillHeld.push(`the ${name} port ${port} is held by ${who.join('; ')}`);
        }
    }
    if (stillHeld.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v('setup', `after the services stopped, ${stillHeld.join('; and ')}. bifrost-load-test signals only processes it can show it started (they carry ${_run_token_js__WEBPACK_IMPORTED_MODULE_4__/* .RUN_TOKEN_VARIABLE */ .lO}=<this run's token> in their environment); stop the others yourself.`);
    }
    return stopped;
}
/**
 * findListeners, waiting up to SOCKET_RELEASE_WAIT_MS while some socket has no holder: an
 * exiting process's files leave /proc/<pid>/fd a moment before the kernel closes them (seen
 * here right after a SIGKILL), so a socket can briefly be listed with no one holding it.
 */
async function settledListeners(port, options) {
    const deadline = performance.now() + SOCKET_RELEASE_WAIT_MS;
    for (;;) {
        const found = findListeners(port, options);
        if (found.unseenSockets === 0 || performance.now() >= deadline)
            return found;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(POLL_INTERVAL_MS);
    }
}
function describeStrangers(foreign, unseenSockets) {
    const named = foreign.map(describeHolder);
    if (unseenSockets > 0) {
        named.push(`${unseenSockets === 1 ? 'a process' : `${unseenSockets} processes`} this user cannot inspect`);
    }
    return named.join(', ');
}
/**
 * Stops one process of ours known by its pid and start time (see run-token.ts): SIGTERM, then
 * SIGKILL after graceMs (default 5 s); each signal only if the pid still names a living process
 * with that start time, so a recycled pid is never signalled. Resolves once it is gone, or 2 s
 * after SIGKILL.
 */
async function stopOurProcess(identity, options = {}) {
    const procRoot = options.procRoot ?? '/proc';
    const isSame = () => liveStartTicks(identity.pid, procRoot) === identity.startTimeTicks;
    const signal = (name) => {
        if (!isSame())
            return;
        try {
            process.kill(identity.pid, name);
        }
        catch {
            // Gone meanwhile.
        }
    };
    signal('SIGTERM');
    if (await waitUntilGone(isSame, options.graceMs ?? DEFAULT_GRACE_MS))
        return;
    signal('SIGKILL');
    await waitUntilGone(isSame, KILL_WAIT_MS);
}
async function waitUntilGone(isAlive, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
        if (!isAlive())
            return true;
        if (performance.now() >= deadline)
            return false;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(POLL_INTERVAL_MS);
    }
}
/** Start time of a living (not zombie) pid, else undefined. */
function liveStartTicks(pid, procRoot) {
    try {
        const stat = (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_3__/* .parseProcStat */ .qV)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${procRoot}/${pid}/stat`, 'utf8'));
        return stat.state === 'Z' || stat.state === 'X' ? undefined : stat.startTimeTicks;
    }
    catch {
        return undefined;
    }
}
function socketInode(fdPath) {
    try {
        const match = /^socket:\[(\d+)\]$/.exec((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(fdPath));
        return match ? Number(match[1]) : undefined;
    }
    catch {
        return undefined;
    }
}
/** The command line of `pid`, shortened for messages, else its short name, else "unknown command". */
function processCommandLine(pid, procRoot = '/proc') {
    try {
        const words = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${procRoot}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const text = words.join(' ');
        if (text !== '') {
            return text.length > MAX_COMMAND_CHARS ? `${text.slice(0, MAX_COMMAND_CHARS)}…` : text;
        }
    }
    catch {
        // Fall back to the short name below.
    }
    try {
        return (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_3__/* .parseProcStat */ .qV)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${procRoot}/${pid}/stat`, 'utf8')).comm;
    }
    catch {
        return 'unknown command';
    }
}
function safeReaddir(directory) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(directory);
    }
    catch {
        return [];
    }
}


/***/ }),

/***/ 208:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O1: () => (/* binding */ ProcessTreeSampler),
/* harmony export */   ie: () => (/* binding */ readProcStats),
/* harmony export */   qV: () => (/* binding */ parseProcStat)
/* harmony export */ });
/* unused harmony exports treePids, getSystemUnits */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _ensure_directory_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(683);





function parseProcStat(content) {
    // comm (field 2) may contain spaces and ')', but nothing after it can: split at the last ')'.
    const commStart = content.indexOf('(');
    const commEnd = content.lastIndexOf(')');
    if (commStart < 0 || commEnd < commStart) {
        throw new Error(`not a /proc/<pid>/stat line: ${content.slice(0, 80)}`);
    }
    // fields[0] is field 3 (state).
    const fields = content
        .slice(commEnd + 1)
        .trim()
        .split(' ');
    const numberField = (fieldNumber) => {
        const value = Number(fields[fieldNumber - 3]);
        if (!Number.isFinite(value)) {
            throw new Error(`field ${fieldNumber} of /proc/<pid>/stat is not a number`);
        }
        return value;
    };
    const pid = Number(content.slice(0, commStart));
    if (!Number.isInteger(pid))
        throw new Error('field 1 of /proc/<pid>/stat is not a pid');
    return {
        pid,
        comm: content.slice(commStart + 1, commEnd),
        state: fields[0] ?? '',
        ppid: numberField(4),
        pgrp: numberField(5),
        utimeTicks: numberField(14),
        stimeTicks: numberField(15),
        cutimeTicks: numberField(16),
        cstimeTicks: numberField(17),
        startTimeTicks: numberField(22),
        rssPages: numberField(24)
    };
}
/** rootPid and all its descendants, root first; empty if rootPid is not among allStats. */
function treePids(rootPid, allStats) {
    const childrenByPid = new Map();
    let rootFound = false;
    for (const stat of allStats) {
        if (stat.pid === rootPid)
            rootFound = true;
        const siblings = childrenByPid.get(stat.ppid);
        if (siblings === undefined)
            childrenByPid.set(stat.ppid, [stat.pid]);
        else
            siblings.push(stat.pid);
    }
    if (!rootFound)
        return [];
    const tree = [rootPid];
    // /proc is not read atomically, so a recycled pid could make the links cyclic: visit each once.
    const seen = new Set(tree);
    for (let index = 0; index < tree.length; index++) {
        for (const child of childrenByPid.get(tree[index]) ?? []) {
            if (seen.has(child))
                continue;
            seen.add(child);
            tree.push(child);
        }
    }
    return tree;
}
/** Every process in procRoot; processes that exit while it is read are left out. */
async function readProcStats(procRoot = '/proc') {
    const pidEntries = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(procRoot)).filter((entry) => /^\d+$/.test(entry));
    const stats = await Promise.all(pidEntries.map(async (entry) => {
        try {
            return parseProcStat(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(procRoot, entry, 'stat'), 'utf8'));
        }
        catch {
            return undefined;
        }
    }));
    return stats.filter((stat) => stat !== undefined);
}
const CSV_HEADER = 'timestamp,phase,cpu_pct,rss_mb,processes\n';
const BYTES_PER_MB = 1024 * 1024;
function getconf(name, fallback) {
    try {
        const value = Number((0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('getconf', [name], { encoding: 'utf8' }).trim());
        return value > 0 ? value : fallback;
    }
    catch {
        return fallback;
    }
}
let systemUnits;
/** Read once: 100 ticks/s and 4 KiB pages are usual, but some arm64 kernels use larger pages. */
function getSystemUnits() {
    systemUnits ??= {
        clockTicksPerSecond: getconf('CLK_TCK', 100),
        pageSizeBytes: getconf('PAGESIZE', 4096)
    };
    return systemUnits;
}
function csvField(value) {
    return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
/**
 * Samples CPU and RSS of a process and all its descendants from /proc, per phase, and appends one
 * CSV row per sample. Sampling is diagnostics: when the process is gone or /proc cannot be read,
 * it stops quietly and keeps what it collected rather than failing the run.
 */
class ProcessTreeSampler {
    rootPid;
    csvPath;
    intervalMs;
    procRoot;
    units = getSystemUnits();
    totalsByPhase = new Map();
    phase = '';
    active = false;
    timer;
    previous;
    /** Samples run one after another, so rows stay in order and deltas use the right baseline. */
    queue = Promise.resolve();
    constructor(options) {
        this.rootPid = options.rootPid;
        this.csvPath = options.csvPath;
        this.intervalMs = options.intervalMs ?? 1000;
        this.procRoot = options.procRoot ?? '/proc';
    }
    start(phase) {
        if (this.active)
            throw new Error('ProcessTreeSampler.start() called twice');
        (0,_ensure_directory_js__WEBPACK_IMPORTED_MODULE_4__/* .ensureDirectorySync */ .P)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(this.csvPath));
        // Samplers of successive gateway processes share one CSV: only the first writes the header.
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(this.csvPath))
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(this.csvPath, CSV_HEADER);
        this.active = true;
        this.setPhase(phase);
    }
    /** Takes a fresh baseline so that no sample spans two phases; the partial interval is dropped. */
    setPhase(phase) {
        this.phase = phase;
        if (!this.active)
            return;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.enqueue(undefined);
        this.scheduleNext();
    }
    async stop() {
        this.halt();
        await this.queue;
    }
    summary() {
        const summaries = {};
        for (const [phase, totals] of this.totalsByPhase) {
            summaries[phase] = {
                samples: totals.samples,
                cpuAvgPct: this.cpuPct(totals.cpuTicks, totals.wallSeconds),
                cpuPeakPct: totals.cpuPeakPct,
                rssAvgMb: totals.rssSumMb / totals.samples,
                rssPeakMb: totals.rssPeakMb
            };
        }
        return summaries;
    }
    halt() {
        this.active = false;
        clearTimeout(this.timer);
        this.timer = undefined;
    }
    scheduleNext() {
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.enqueue(this.phase);
            void this.queue.then(() => {
                // setPhase() may have scheduled the next sample already.
                if (this.active && this.timer === undefined)
                    this.scheduleNext();
            });
        }, this.intervalMs);
        this.timer.unref();
    }
    /** phase undefined: only take a baseline. */
    enqueue(phase) {
        this.queue = this.queue.then(() => this.sample(phase)).catch(() => this.halt());
    }
    async sample(phase) {
        if (!this.active)
            return;
        const atMs = performance.now();
        const allStats = await readProcStats(this.procRoot);
        const treePidSet = new Set(treePids(this.rootPid, allStats));
        if (treePidSet.size === 0) {
            this.halt();
            return;
        }
        const current = { atMs, members: allStats.filter((s) => treePidSet.has(s.pid)) };
        const previous = this.previous;
        this.previous = current;
        if (phase === undefined || previous === undefined)
            return;
        const previousByPid = new Map(previous.members.map((s) => [s.pid, s]));
        let cpuTicks = 0;
        let rssPages = 0;
        for (const member of current.members) {
            const before = previousByPid.get(member.pid);
            // A member new since the last sample (or a recycled pid) started after it, so all its CPU
            // time falls in this interval. The last slice of a member that exited meanwhile is lost.
            const baselineTicks = before !== undefined && before.startTimeTicks === member.startTimeTicks
                ? before.utimeTicks + before.stimeTicks
                : 0;
            cpuTicks += member.utimeTicks + member.stimeTicks - baselineTicks;
            rssPages += member.rssPages;
        }
        const wallSeconds = (current.atMs - previous.atMs) / 1000;
        const cpuPct = this.cpuPct(cpuTicks, wallSeconds);
        const rssMb = (rssPages * this.units.pageSizeBytes) / BYTES_PER_MB;
        const totals = this.totalsByPhase.get(phase) ?? {
            samples: 0,
            cpuTicks: 0,
            wallSeconds: 0,
            cpuPeakPct: 0,
            rssSumMb: 0,
            rssPeakMb: 0
        };
        totals.samples++;
        totals.cpuTicks += cpuTicks;
        totals.wallSeconds += wallSeconds;
        totals.cpuPeakPct = Math.max(totals.cpuPeakPct, cpuPct);
        totals.rssSumMb += rssMb;
        totals.rssPeakMb = Math.max(totals.rssPeakMb, rssMb);
        this.totalsByPhase.set(phase, totals);
        const row = [
            new Date().toISOString(),
            csvField(phase),
            cpuPct.toFixed(1),
            rssMb.toFixed(1),
            current.members.length
        ];
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.appendFile)(this.csvPath, `${row.join(',')}\n`);
    }
    /** 100% = one core busy for the whole interval. */
    cpuPct(cpuTicks, wallSeconds) {
        return wallSeconds > 0 ? (cpuTicks / this.units.clockTicksPerSecond / wallSeconds) * 100 : 0;
    }
}


/***/ }),

/***/ 729:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $7: () => (/* binding */ runningProcesses),
/* harmony export */   Zz: () => (/* binding */ killAllProcessesNow),
/* harmony export */   kp: () => (/* binding */ startProcess),
/* harmony export */   qZ: () => (/* binding */ onProcessStarted)
/* harmony export */ });
/* unused harmony exports ManagedProcess, stopAllProcesses, readProcessStartTime, stopProcessGroup */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(916);
/* harmony import */ var _ensure_directory_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(683);
/* harmony import */ var _proc_stats_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(208);
/* harmony import */ var _run_token_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(529);








const DEFAULT_GRACE_MS = 5000;
/** How long to wait for the kernel to finish off a group after SIGKILL. */
const KILL_WAIT_MS = 2000;
const GROUP_POLL_INTERVAL_MS = 25;
const LOG_TAIL_BYTES = 64 * 1024;
const startedProcesses = new Set();
const startListeners = new Set();
class ManagedProcess {
    name;
    pid;
    logFile;
    argv;
    /** undefined only if /proc could not be read right after the start. */
    pidIdentity;
    exited;
    /** The stdin pipe, when started with pipeStdin. */
    stdin;
    /** The stdout pipe, when started with pipeStdout. */
    stdout;
    exit;
    stopping;
    /** Use startProcess(), which also registers the process for cleanup. */
    constructor(name, argv, logFile, child) {
        this.name = name;
        this.argv = argv;
        this.logFile = logFile;
        this.pid = child.pid;
        this.stdin = child.stdin ?? undefined;
        this.stdout = child.stdout ?? undefined;
        const startTimeTicks = readProcessStartTime(child.pid);
        this.pidIdentity = startTimeTicks === undefined ? undefined : { pid: child.pid, startTimeTicks };
        this.exited = new Promise((resolveExit) => {
            child.once('exit', (code, signal) => {
                this.exit = { code, signal };
                if (this.stopping === undefined) {
                    // The leader died on its own: whatever it left in its group is ours and now unmanaged.
                    // Members keep the group id reserved, so it cannot belong to anyone else yet.
                    try {
                        signalGroup(this.pid, 'SIGKILL');
                    }
                    catch {
                        // stop() will report a group it cannot signal.
                    }
                }
                resolveExit(this.exit);
            });
        });
    }
    get running() {
        return this.exit === undefined;
    }
    exitDescription() {
        if (this.exit === undefined)
            return 'is still running';
        if (this.exit.signal !== null)
            return `was killed by ${this.exit.signal}`;
        return `exited with status ${this.exit.code}`;
    }
    /**
     * SIGTERM to the whole process group, SIGKILL to what is left after graceMs. Resolves once the
     * leader and every member of its group are gone. Idempotent.
     */
    stop(graceMs = DEFAULT_GRACE_MS) {
        this.stopping ??= terminateGroup(this.pid, graceMs, () => this.running)
            .finally(() => {
            startedProcesses.delete(this);
        })
            .then(() => undefined);
        return this.stopping;
    }
    logTail(lineCount = 20) {
        return readLogTail(this.logFile, lineCount);
    }
}
/**
 * Starts argv (no shell) in its own process group with stdout and stderr appended to logFile.
 * Throws LoadTestError('setup') if the program cannot be started.
 */
function startProcess(options) {
    const { name, argv, cwd, env, logFile } = options;
    const [program, ...args] = argv;
    if (program === undefined)
        throw new Error(`startProcess: empty argv for ${name}`);
    (0,_ensure_directory_js__WEBPACK_IMPORTED_MODULE_5__/* .ensureDirectorySync */ .P)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(logFile));
    const logFd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(logFile, 'a');
    let child;
    try {
        child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, {
            cwd,
            env: (0,_run_token_js__WEBPACK_IMPORTED_MODULE_7__/* .withRunToken */ .$E)(env),
            detached: true,
            stdio: [options.pipeStdin ? 'pipe' : 'ignore', options.pipeStdout ? 'pipe' : logFd, logFd]
        });
        // Spawn failures arrive as an 'error' event on the next tick and are reported below; nothing
        // else this module does (it signals with process.kill) can emit one.
        child.on('error', () => { });
        if (child.pid === undefined) {
            const reason = spawnFailureReason(program, cwd, env);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(logFd, `bifrost-load-test: could not start ${argv.join(' ')}: ${reason}\n`);
            const message = `could not start ${name} (${program}): ${reason}. Log: ${logFile}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .LoadTestError */ .v('setup', message, { logFile });
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(logFd);
    }
    const started = new ManagedProcess(name, argv, logFile, child);
    startedProcesses.add(started);
    for (const listener of startListeners)
        listener(started);
    return started;
}
/** Every process started and not yet stopped, including ones that exited on their own. */
function runningProcesses() {
    return [...startedProcesses];
}
async function stopAllProcesses(graceMs = DEFAULT_GRACE_MS) {
    await Promise.all(runningProcesses().map((started) => started.stop(graceMs)));
}
/**
 * SIGKILL, now, to the group of every started process whose leader still runs, and to every
 * process that carries our run token (what left those groups): for a second interrupt or an
 * expired stop grace, when waiting is no longer wanted. Synchronous, so it can run right before
 * process.exit(). A group whose leader has exited was killed on that exit (see ManagedProcess).
 */
function killAllProcessesNow() {
    for (const started of startedProcesses) {
        if (!started.running)
            continue;
        try {
            signalGroup(started.pid, 'SIGKILL');
        }
        catch {
            // Nothing more can be done at this point.
        }
    }
    for (const stray of (0,_run_token_js__WEBPACK_IMPORTED_MODULE_7__/* .ourProcesses */ .ST)()) {
        // ourProcesses() checked the token and the start time a moment ago.
        if (readProcessStartTime(stray.pid) !== stray.startTimeTicks)
            continue;
        try {
            process.kill(stray.pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
    }
}
/** Calls listener for each process started from now on; returns the unsubscribe function. */
function onProcessStarted(listener) {
    startListeners.add(listener);
    return () => {
        startListeners.delete(listener);
    };
}
/** Field 22 of /proc/<pid>/stat, or undefined if there is no such process. */
function readProcessStartTime(pid) {
    try {
        return (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_6__/* .parseProcStat */ .qV)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, 'utf8')).startTimeTicks;
    }
    catch {
        return undefined;
    }
}
/**
 * Stops the process group led by a process started earlier (e.g. by a previous step), known only by
 * its saved identity. Signals nothing unless that very process still exists: a pid alone may have
 * been recycled by another program. Returns whether the group was ours and had a living member
 * to stop (a leader that is a zombie not yet reaped, alone in its group, needs no stopping).
 */
async function stopProcessGroup(identity, graceMs = DEFAULT_GRACE_MS) {
    if (readProcessStartTime(identity.pid) !== identity.startTimeTicks)
        return false;
    return terminateGroup(identity.pid, graceMs, () => false);
}
/** Returns false when the group had no living member to signal, true once it stopped one. */
async function terminateGroup(pgid, graceMs, leaderRunning) {
    const isGone = async () => !leaderRunning() && !(await groupHasLiveMembers(pgid));
    if (await isGone())
        return false;
    signalGroup(pgid, 'SIGTERM');
    if (await waitUntil(isGone, graceMs))
        return true;
    signalGroup(pgid, 'SIGKILL');
    await waitUntil(isGone, KILL_WAIT_MS);
    return true;
}
/** false if the group no longer exists. */
function signalGroup(pgid, signal) {
    try {
        process.kill(-pgid, signal);
        return true;
    }
    catch (error) {
        if (error.code === 'ESRCH')
            return false;
        throw error;
    }
}
async function groupHasLiveMembers(pgid) {
    if (!signalGroup(pgid, 0))
        return false;
    // kill() still reaches zombies, and an init that reaps orphans lazily can leave them for
    // seconds. They are dead and hold no resources, so only count the living.
    const allStats = await (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_6__/* .readProcStats */ .ie)();
    return allStats.some((stat) => stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X');
}
async function waitUntil(condition, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
        if (await condition())
            return true;
        if (performance.now() >= deadline)
            return false;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_3__.setTimeout)(GROUP_POLL_INTERVAL_MS);
    }
}
function readLogTail(logFile, lineCount) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(logFile, 'r');
    }
    catch {
        return '';
    }
    try {
        const sizeBytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.fstatSync)(fd).size;
        const startByte = Math.max(0, sizeBytes - LOG_TAIL_BYTES);
        const buffer = Buffer.alloc(sizeBytes - startByte);
        const bytesRead = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, buffer, 0, buffer.length, startByte);
        const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n');
        // Reading from the middle of the file cuts the first line.
        if (startByte > 0)
            lines.shift();
        if (lines.at(-1) === '')
            lines.pop();
        return lines.slice(Math.max(0, lines.length - lineCount)).join('\n');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/** spawn() only says ENOENT or EACCES, and not about what: find out. */
function spawnFailureReason(program, cwd, env) {
    const workDir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(cwd ?? '.');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(workDir))
        return `its working directory ${workDir} does not exist`;
    const isPath = program.includes('/');
    const candidates = isPath
        ? [(0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workDir, program)]
        : ((env ?? process.env).PATH ?? '')
            .split(node_path__WEBPACK_IMPORTED_MODULE_2__.delimiter)
            .filter((dir) => dir !== '')
            .map((dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workDir, dir, program));
    const found = candidates.find((candidate) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(candidate));
    if (found === undefined) {
        return isPath ? `${program} does not exist` : `${program} was not found on PATH`;
    }
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.accessSync)(found, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
    }
    catch {
        return `${found} is not executable`;
    }
    return `the system refused to run ${found}`;
}


/***/ }),

/***/ 529:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $E: () => (/* binding */ withRunToken),
/* harmony export */   G4: () => (/* binding */ ourProcessStartTicks),
/* harmony export */   ST: () => (/* binding */ ourProcesses),
/* harmony export */   lO: () => (/* binding */ RUN_TOKEN_VARIABLE)
/* harmony export */ });
/* unused harmony exports runToken, ownStartTimeTicks */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _proc_stats_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(208);



/**
 * How the run recognises the processes it started, and every process they started in turn,
 * even one that left our process group (setsid, a double fork, a daemon).
 *
 * Every process we start gets `BIFROST_LOAD_TEST_RUN=<token>` in its environment: 128 random
 * bits made once per bifrost-load-test process (one CLI run, one action step). Descendants
 * inherit the environment whatever they do to their process group or session, and
 * /proc/<pid>/environ shows a process's initial environment, readable for our own user's
 * processes. A process counts as ours only if it carries exactly this token and started after
 * this process did (start time from /proc/<pid>/stat), so neither a guess nor a recycled pid
 * can make a stranger look like ours.
 *
 * Chosen over a child subreaper (prctl PR_SET_CHILD_SUBREAPER), which Node cannot call: it
 * needs a native helper between us and every service, which would also stand between the
 * sampler and the gateway's process tree. The token's one blind spot, a program that clears its
 * environment (`env -i`), is also one a subreaper shares in part: what a daemon hands to
 * another service (dockerd starting a container) is nobody's descendant. Such a process is
 * never signalled: it is named instead.
 */
const RUN_TOKEN_VARIABLE = 'BIFROST_LOAD_TEST_RUN';
const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString('hex');
/** This process's run token (32 hex digits). */
function runToken() {
    return token;
}
/** `env` (default: ours) plus our run token, for a process we start. Never changes `env`. */
function withRunToken(env = process.env) {
    return { ...env, [RUN_TOKEN_VARIABLE]: token };
}
let ownStartTicks;
/** Clock ticks after boot at which this process started (field 22 of /proc/self/stat). */
function ownStartTimeTicks(procRoot = '/proc') {
    ownStartTicks ??= (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_2__/* .parseProcStat */ .qV)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`${procRoot}/self/stat`, 'utf8')).startTimeTicks;
    return ownStartTicks;
}
/**
 * The start time of `pid` if it carries the run token and started no earlier than the run,
 * else undefined (not ours, gone, or its environment unreadable: another user's process).
 * The start time lets a caller check, right before signalling, that the pid still names
 * the same process.
 */
function ourProcessStartTicks(pid, check = {}) {
    const procRoot = check.procRoot ?? '/proc';
    const expected = `${RUN_TOKEN_VARIABLE}=${check.token ?? token}`;
    try {
        const startTicks = (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_2__/* .parseProcStat */ .qV)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`${procRoot}/${pid}/stat`, 'utf8')).startTimeTicks;
        if (startTicks < (check.notBeforeTicks ?? ownStartTimeTicks(procRoot)))
            return undefined;
        const environment = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`${procRoot}/${pid}/environ`, 'utf8').split('\0');
        if (!environment.includes(expected))
            return undefined;
        // Read again: the pid may have been recycled while the environment was read.
        const again = (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_2__/* .parseProcStat */ .qV)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`${procRoot}/${pid}/stat`, 'utf8')).startTimeTicks;
        return again === startTicks ? startTicks : undefined;
    }
    catch {
        return undefined;
    }
}
/** Every living process that carries the run token, except this one; pids with start times. */
function ourProcesses(check = {}) {
    const procRoot = check.procRoot ?? '/proc';
    let entries;
    try {
        entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(procRoot);
    }
    catch {
        return [];
    }
    const found = [];
    for (const entry of entries) {
        if (!/^\d+$/.test(entry))
            continue;
        const pid = Number(entry);
        if (pid === process.pid)
            continue;
        const startTimeTicks = ourProcessStartTicks(pid, check);
        if (startTimeTicks !== undefined)
            found.push({ pid, startTimeTicks });
    }
    return found;
}


/***/ }),

/***/ 888:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   PV: () => (/* binding */ describeStray),
/* harmony export */   uW: () => (/* binding */ stopLeftBehind),
/* harmony export */   vh: () => (/* binding */ stopWhatOutlivedServices)
/* harmony export */ });
/* unused harmony exports DAEMON_BIND_WAIT_MS, findStrayProcesses, stopStrayProcesses */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _proc_stats_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(208);
/* harmony import */ var _listeners_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(649);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(729);
/* harmony import */ var _run_token_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(529);






/** How often strays are looked for again while stopping them (what a stopped one forked). */
const STOP_ROUNDS = 3;
/** How long a launcher that exited before it was ready gets for a stray of its to listen. */
const DAEMON_BIND_WAIT_MS = 3000;
const POLL_INTERVAL_MS = 25;
/**
 * Every living process that carries the run token (options.token, default ours) and is not in
 * the process group of a started process whose leader still runs (those are stopped with
 * their group), with the service ports among `ports` it listens on.
 */
function findStrayProcesses(ports, options = {}) {
    const procRoot = options.procRoot ?? '/proc';
    const managedGroups = new Set((0,_process_js__WEBPACK_IMPORTED_MODULE_4__/* .runningProcesses */ .$7)()
        .filter((started) => started.running)
        .map((started) => started.pid));
    const strays = (0,_run_token_js__WEBPACK_IMPORTED_MODULE_5__/* .ourProcesses */ .ST)(options).filter(({ pid, startTimeTicks }) => {
        if (startTimeTicks < (options.startedSinceTicks ?? 0))
            return false;
        const group = processGroup(pid, procRoot);
        return group !== undefined && !managedGroups.has(group);
    });
    if (strays.length === 0)
        return [];
    const listening = ports
        .filter((service) => service.port > 0)
        .map((service) => ({
        service,
        pids: new Set((0,_listeners_js__WEBPACK_IMPORTED_MODULE_3__/* .findListeners */ .fK)(service.port, options).holders.map((holder) => holder.pid))
    }));
    return strays.map((stray) => ({
        ...stray,
        command: (0,_listeners_js__WEBPACK_IMPORTED_MODULE_3__/* .processCommandLine */ .Vo)(stray.pid, procRoot),
        ports: listening.filter(({ pids }) => pids.has(stray.pid)).map(({ service }) => service)
    }));
}
/**
 * Stops every stray (findStrayProcesses): SIGTERM, SIGKILL after the grace period, each
 * signal only while the pid still names the same process. Looks again after each round, for
 * what a stray started meanwhile (a double fork). Resolves with the strays stopped, as found.
 */
async function stopStrayProcesses(ports, options = {}) {
    const stopped = [];
    const isNew = (stray) => !stopped.some((known) => known.pid === stray.pid && known.startTimeTicks === stray.startTimeTicks);
    for (let round = 0; round < STOP_ROUNDS; round++) {
        const strays = findStrayProcesses(ports, options).filter(isNew);
        if (strays.length === 0)
            break;
        await Promise.all(strays.map((stray) => (0,_listeners_js__WEBPACK_IMPORTED_MODULE_3__/* .stopOurProcess */ .O3)(stray, options)));
        stopped.push(...strays);
    }
    return stopped;
}
/** "pid 123 (node server.js --port 8080), listening on port 8080" */
function describeStray(stray) {
    const ports = stray.ports.map((service) => service.port);
    return `pid ${stray.pid} (${stray.command})${ports.length > 0 ? `, listening on port ${ports.join(' and ')}` : ''}`;
}
/**
 * For a service whose process exited before it was ready: stops the strays started since it
 * started. When there are some and none listens on its port yet, first waits up to bindWaitMs
 * (default DAEMON_BIND_WAIT_MS) for one to, since a daemon binds a moment after its launcher
 * returns: the message can then say which one is the server. Resolves with the strays stopped
 * (none: nothing was waited for).
 */
async function stopLeftBehind(port, options = {}) {
    const ports = port === undefined ? [] : [port];
    let strays = findStrayProcesses(ports, options);
    if (strays.length === 0)
        return [];
    const deadline = performance.now() + (options.bindWaitMs ?? DAEMON_BIND_WAIT_MS);
    while (port !== undefined &&
        strays.length > 0 &&
        !strays.some((stray) => stray.ports.length > 0) &&
        performance.now() < deadline) {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_1__.setTimeout)(POLL_INTERVAL_MS);
        strays = findStrayProcesses(ports, options);
    }
    return stopStrayProcesses(ports, options);
}
/**
 * After services stopped, or at the end of a run: stops every stray of ours, then makes sure
 * nothing else listens on the services' ports (stopEscapedListeners, which never signals a
 * stranger). Returns one sentence per process of ours stopped, for the run's warnings.
 *
 * @throws LoadTestError('setup') as stopEscapedListeners does, naming a port still held.
 */
async function stopWhatOutlivedServices(ports, options = {}) {
    const stopped = (await stopStrayProcesses(ports, options)).map((stray) => {
        const where = stray.ports.length > 0
            ? stray.ports
                .map(({ name, port }) => `listening on the ${name} port ${port} after the ${name}`)
                .join(' and ')
            : 'running after the services';
        return `stopped pid ${stray.pid} (${stray.command}), which this run started and which was still ${where} stopped (it had left its process group)`;
    });
    return [...stopped, ...(await (0,_listeners_js__WEBPACK_IMPORTED_MODULE_3__/* .stopEscapedListeners */ .Vl)(ports, options))];
}
/** The process group of `pid`, or undefined if it is gone or a zombie. */
function processGroup(pid, procRoot) {
    try {
        const stat = (0,_proc_stats_js__WEBPACK_IMPORTED_MODULE_2__/* .parseProcStat */ .qV)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`${procRoot}/${pid}/stat`, 'utf8'));
        return stat.state === 'Z' || stat.state === 'X' ? undefined : stat.pgrp;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 527:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ workspaceModules),
/* harmony export */   G$: () => (/* binding */ isSkippedDirectory),
/* harmony export */   L5: () => (/* binding */ findGoModules),
/* harmony export */   Pv: () => (/* binding */ embedPatterns),
/* harmony export */   aS: () => (/* binding */ embedPlaceholders),
/* harmony export */   cD: () => (/* binding */ moduleOf),
/* harmony export */   tW: () => (/* binding */ findMainPackage),
/* harmony export */   tg: () => (/* binding */ overlayFile),
/* harmony export */   ye: () => (/* binding */ goWorkFile)
/* harmony export */ });
/* unused harmony exports MAIN_PACKAGE_CANDIDATES, parseGoMod, isMainPackage */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(916);



/**
 * Reading a bifrost checkout the way Go and bifrost's own scripts see it: where the
 * bifrost-http main package is, which of the checkout's Go modules it is built from, and
 * which directories it embeds. Nothing here writes to the checkout.
 */
/** Where bifrost-http's main package may be, in order: today's layout, then the old one. */
const MAIN_PACKAGE_CANDIDATES = ['transports/bifrost-http', 'transports'];
/** Directories Go never builds from (and that can be huge): skipped when walking a tree. */
function isSkippedDirectory(name) {
    return (name === 'node_modules' ||
        name === 'vendor' ||
        name === 'testdata' ||
        name.startsWith('.') ||
        name.startsWith('_'));
}
const unquote = (token) => /^".*"$|^`.*`$/.test(token) ? token.slice(1, -1) : token;
/**
 * Parses the parts of a go.mod file that decide a workspace: `module`, `go` and `require`
 * (single lines and blocks). Comments are dropped. Throws on a file without a module line.
 */
function parseGoMod(text, dir) {
    let modulePath;
    let goVersion;
    const requires = [];
    let block;
    for (const rawLine of text.split('\n')) {
        const line = rawLine.replace(/\/\/.*$/, '').trim();
        if (line === '')
            continue;
        if (block !== undefined) {
            if (line === ')')
                block = undefined;
            else if (block === 'require') {
                const [modPath, version] = line.split(/\s+/);
                if (modPath && version)
                    requires.push({ path: unquote(modPath), version });
            }
            continue;
        }
        const [keyword, ...args] = line.split(/\s+/);
        if (args[0] === '(') {
            block = keyword;
            continue;
        }
        if (keyword === 'module' && args[0])
            modulePath = unquote(args[0]);
        else if (keyword === 'go' && args[0])
            goVersion = args[0];
        else if (keyword === 'require' && args[0] && args[1]) {
            requires.push({ path: unquote(args[0]), version: args[1] });
        }
    }
    if (modulePath === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v('setup', `${node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'go.mod')}: no module line`);
    }
    return { dir, path: modulePath, goVersion, requires };
}
function readDirectory(directory) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(directory, { withFileTypes: true });
    }
    catch {
        return [];
    }
}
/** Every Go module in a tree (each directory holding a go.mod), sorted by directory. */
function findGoModules(root) {
    const modules = [];
    const walk = (directory) => {
        const entries = readDirectory(directory);
        if (entries.some((entry) => entry.isFile() && entry.name === 'go.mod')) {
            const goMod = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(directory, 'go.mod');
            modules.push(parseGoMod((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(goMod, 'utf8'), directory));
        }
        for (const entry of entries) {
            if (entry.isDirectory() && !isSkippedDirectory(entry.name)) {
                walk(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(directory, entry.name));
            }
        }
    };
    walk(root);
    return modules.sort((a, b) => a.dir.localeCompare(b.dir));
}
/** The non-test Go files of one package directory, by absolute path. */
function packageGoFiles(packageDir) {
    return readDirectory(packageDir)
        .filter((entry) => entry.isFile() && entry.name.endsWith('.go') && !entry.name.endsWith('_test.go'))
        .map((entry) => node_path__WEBPACK_IMPORTED_MODULE_1___default().join(packageDir, entry.name))
        .sort();
}
/** Whether a directory holds a Go file of `package main` (test files aside). */
function isMainPackage(directory) {
    return packageGoFiles(directory).some((file) => /^package\s+main\b/m.test((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8')));
}
/**
 * bifrost-http's main package in a checkout: transports/bifrost-http/ (bifrost today), else
 * transports/ if a checkout really has its main package there. Undefined when neither has.
 */
function findMainPackage(checkoutPath) {
    return MAIN_PACKAGE_CANDIDATES.map((candidate) => node_path__WEBPACK_IMPORTED_MODULE_1___default().join(checkoutPath, candidate)).find(isMainPackage);
}
const isInside = (directory, candidate) => {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(directory, candidate);
    return relative === '' || (!relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative));
};
/** The module a package directory belongs to: the deepest module directory above it. */
function moduleOf(modules, packageDir) {
    return modules
        .filter((module) => isInside(module.dir, packageDir))
        .sort((a, b) => b.dir.length - a.dir.length)[0];
}
/**
 * The checkout's modules that go into the binary built from mainPackageDir: its own module,
 * and every module it requires (directly or through another) whose path a module of the
 * checkout provides: bifrost's core, framework, plugins/*, and transports. Sorted by
 * directory. Throws a setup error when the main package is in no module of the checkout.
 */
function workspaceModules(checkoutPath, mainPackageDir) {
    const modules = findGoModules(checkoutPath);
    const mainModule = moduleOf(modules, mainPackageDir);
    if (mainModule === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v('setup', `${mainPackageDir}: no go.mod in it or above it inside ${checkoutPath}; expected the main package to belong to a Go module of the checkout.`);
    }
    const byPath = new Map(modules.map((module) => [module.path, module]));
    const used = new Map([[mainModule.path, mainModule]]);
    const pending = [mainModule];
    for (let module = pending.pop(); module !== undefined; module = pending.pop()) {
        for (const requirement of module.requires) {
            const provided = byPath.get(requirement.path);
            if (provided && !used.has(provided.path)) {
                used.set(provided.path, provided);
                pending.push(provided);
            }
        }
    }
    return [...used.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}
/** Compares Go versions such as "1.26" and "1.26.4" numerically. */
function compareGoVersions(a, b) {
    const parts = (version) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
    const [left, right] = [parts(a), parts(b)];
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
        const difference = (left[index] ?? 0) - (right[index] ?? 0);
        if (difference !== 0)
            return difference;
    }
    return 0;
}
/** A path as a go.work token: quoted (Go string syntax) only when it must be. */
function goWorkPath(directory) {
    return /[\s"'`\\]|\/\//.test(directory) ? JSON.stringify(directory) : directory;
}
/**
 * A go.work using each module by absolute path, so it works from any directory (GOWORK
 * points at it), with the highest `go` version of the modules, as `go work init` would
 * need. Shape: `go 1.26.4\n\nuse (\n\t/abs/core\n\t…\n)\n`.
 */
function goWorkFile(modules) {
    const goVersion = modules
        .map((module) => module.goVersion)
        .filter((version) => version !== undefined)
        .sort(compareGoVersions)
        .at(-1);
    const uses = modules.map((module) => `\t${goWorkPath(module.dir)}\n`).join('');
    return `${goVersion === undefined ? '' : `go ${goVersion}\n\n`}use (\n${uses})\n`;
}
/** The patterns of every `//go:embed` line of a Go source, quotes removed. */
function embedPatterns(source) {
    const patterns = [];
    for (const match of source.matchAll(/^\/\/go:embed\s+(.+)$/gm)) {
        const words = match[1]?.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? [];
        patterns.push(...words.map(unquote));
    }
    return patterns;
}
const GLOB_CHARACTERS = /[*?[\\]/;
function hasEmbeddableFile(target, includeHidden) {
    for (const entry of readDirectory(target)) {
        if (!includeHidden && /^[._]/.test(entry.name))
            continue;
        if (entry.isFile())
            return true;
        if (entry.isDirectory() && hasEmbeddableFile(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(target, entry.name), includeHidden)) {
            return true;
        }
    }
    return false;
}
/**
 * Files to add through `go build -overlay` so that each `//go:embed` of a directory in
 * the main package has something to embed: bifrost-http embeds `all:ui`, which a clean
 * checkout lacks (and an empty ui/ fails too). For `all:` patterns the file is
 * `<dir>/.placeholder`, otherwise `<dir>/placeholder` (Go skips dotfiles there).
 * Patterns with wildcards, or naming a file, are left to Go.
 */
function embedPlaceholders(mainPackageDir) {
    const placeholders = new Set();
    for (const file of packageGoFiles(mainPackageDir)) {
        for (const pattern of embedPatterns((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'))) {
            const includeHidden = pattern.startsWith('all:');
            const name = includeHidden ? pattern.slice('all:'.length) : pattern;
            if (GLOB_CHARACTERS.test(name))
                continue;
            const target = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(mainPackageDir, name);
            let isFile = false;
            try {
                isFile = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target).isFile();
            }
            catch {
                // absent: needs a placeholder, like an empty directory
            }
            if (isFile || hasEmbeddableFile(target, includeHidden))
                continue;
            placeholders.add(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(target, includeHidden ? '.placeholder' : 'placeholder'));
        }
    }
    return [...placeholders].sort();
}
/** `go build -overlay`'s file: each placeholder path replaced by the given (empty) file. */
function overlayFile(placeholders, emptyFile) {
    return `${JSON.stringify({ Replace: Object.fromEntries(placeholders.map((p) => [p, emptyFile])) }, null, 2)}\n`;
}


/***/ }),

/***/ 122:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ outputTail),
/* harmony export */   d: () => (/* binding */ runCommand)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(916);
/* harmony import */ var _services_run_token_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(529);



/**
 * Runs a short command to completion with argv (never through a shell) and captures its
 * output. A program that cannot be started is a setup error naming it.
 */
function runCommand(argv, options = {}) {
    const [program, ...args] = argv;
    if (program === undefined)
        throw new Error('runCommand needs a program');
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, {
            cwd: options.cwd,
            env: (0,_services_run_token_js__WEBPACK_IMPORTED_MODULE_2__/* .withRunToken */ .$E)(options.env),
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: options.timeoutMs
        });
        const stdout = [];
        const stderr = [];
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.on('error', (error) => reject(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .LoadTestError */ .v('setup', `could not run ${program}: ${error.code ?? error.message}`, {
            cause: error
        })));
        child.on('close', (exitCode) => resolve({
            exitCode,
            stdout: Buffer.concat(stdout).toString('utf8'),
            stderr: Buffer.concat(stderr).toString('utf8')
        }));
    });
}
/** The last lines of a command's output, for an error message. */
function outputTail(result, lineCount = 15) {
    const lines = `${result.stdout}${result.stderr}`.trimEnd().split('\n');
    return lines.slice(-lineCount).join('\n');
}


/***/ }),

/***/ 981:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IL: () => (/* binding */ removeWorktree),
/* harmony export */   WE: () => (/* binding */ isRegisteredWorktree),
/* harmony export */   ZK: () => (/* binding */ WORKTREE_PREFIX),
/* harmony export */   lz: () => (/* binding */ removeWorktreeSync),
/* harmony export */   mv: () => (/* binding */ checkoutRef)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _config_values_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(750);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(122);







/** The name every worktree directory checkoutRef makes starts with (mkdtemp's prefix). */
const WORKTREE_PREFIX = 'base-';
/**
 * Checks out `ref` of the git repository at `repositoryPath` into a new detached worktree
 * under `parentDir` (keep it outside the user's workspace). A ref the repository lacks (a
 * shallow checkout of a pull request has no base branch) is fetched from `origin` first.
 * `onCreated` is called with the worktree's directory as soon as it exists, before git
 * registers it, so a caller can record it for removal (removeWorktree) whatever happens next.
 * Git is always run with argv, and the ref after "--" where git allows it. Throws
 * LoadTestError('setup') naming the repository, the ref and git's message.
 */
async function checkoutRef(repositoryPath, ref, parentDir, log, onCreated = () => undefined) {
    if (!_config_values_js__WEBPACK_IMPORTED_MODULE_4__/* .GIT_REF_PATTERN */ .mg.test(ref)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .LoadTestError */ .v('input', `base-ref: got ${JSON.stringify(ref)}; expected a branch, tag or commit name.`);
    }
    const git = async (args, what) => {
        const result = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .runCommand */ .d)(['git', '-C', repositoryPath, ...args]);
        if (result.exitCode !== 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .LoadTestError */ .v('setup', `base-ref ${ref}: ${what} failed in ${repositoryPath} (git ${args[0]}, exit status ${result.exitCode}):\n${(0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .outputTail */ .c)(result)}`);
        }
        return result.stdout.trim();
    };
    await git(['rev-parse', '--is-inside-work-tree'], 'finding the git repository');
    let source = 'local';
    let commit = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .runCommand */ .d)([
        'git',
        '-C',
        repositoryPath,
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${ref}^{commit}`
    ]).then((result) => (result.exitCode === 0 ? result.stdout.trim() : undefined));
    if (commit === undefined) {
        log(`base-ref ${ref} is not in ${repositoryPath}: fetching it from origin`);
        await git(['fetch', '--quiet', '--no-tags', 'origin', '--', ref], `fetching ${ref} from origin`);
        commit = await git(['rev-parse', '--verify', 'FETCH_HEAD^{commit}'], 'reading the fetched commit');
        source = 'fetched';
    }
    const worktreePath = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(parentDir, WORKTREE_PREFIX));
    onCreated(worktreePath);
    await git(['worktree', 'add', '--quiet', '--detach', worktreePath, commit], 'adding a worktree');
    log(`base-ref ${ref}: commit ${commit.slice(0, 12)} checked out in ${worktreePath}`);
    let removed = false;
    return {
        path: worktreePath,
        commit,
        source,
        remove: async () => {
            if (removed)
                return;
            removed = true;
            await removeWorktree(repositoryPath, worktreePath);
        }
    };
}
/**
 * Removes a worktree of `repositoryPath` and its administrative files (`git worktree remove
 * --force`, the directory, then `git worktree prune`). Harmless when it is already gone or
 * was never registered; never throws for git's refusals.
 */
async function removeWorktree(repositoryPath, worktreePath) {
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .runCommand */ .d)(['git', '-C', repositoryPath, 'worktree', 'remove', '--force', worktreePath]);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(worktreePath, { recursive: true, force: true });
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .runCommand */ .d)(['git', '-C', repositoryPath, 'worktree', 'prune']);
}
/** removeWorktree, synchronously: for a process about to exit (a second Ctrl-C). */
function removeWorktreeSync(repositoryPath, worktreePath) {
    const git = (args) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['-C', repositoryPath, ...args], { stdio: 'ignore', timeout: 10_000 });
    };
    git(['worktree', 'remove', '--force', worktreePath]);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(worktreePath, { recursive: true, force: true });
    git(['worktree', 'prune']);
}
/** Whether git lists `worktreePath` among `repositoryPath`'s worktrees. */
async function isRegisteredWorktree(repositoryPath, worktreePath) {
    const listed = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .runCommand */ .d)(['git', '-C', repositoryPath, 'worktree', 'list', '--porcelain']);
    return listed.stdout.split('\n').includes(`worktree ${worktreePath}`);
}


/***/ }),

/***/ 373:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DG: () => (/* binding */ untrackTemporaryPath),
/* harmony export */   KW: () => (/* binding */ trackTemporaryPath),
/* harmony export */   Sk: () => (/* binding */ describeTemporaryPath),
/* harmony export */   bm: () => (/* binding */ removeTemporaryPath),
/* harmony export */   jl: () => (/* binding */ removeTrackedPathsNow),
/* harmony export */   tU: () => (/* binding */ WORK_DIR_PREFIX)
/* harmony export */ });
/* unused harmony export trackedTemporaryPaths */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _git_worktree_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(981);




/** The name every work directory of a run starts with (mkdtemp's prefix). */
const WORK_DIR_PREFIX = 'bifrost-load-test-';
const tracked = new Map();
/** Records a path the run created, until untrackTemporaryPath. */
function trackTemporaryPath(entry) {
    tracked.set(entry.path, entry);
}
function untrackTemporaryPath(entry) {
    tracked.delete(entry.path);
}
/** The paths created and not yet removed. */
function trackedTemporaryPaths() {
    return [...tracked.values()];
}
/**
 * Removes every tracked path, synchronously, for a process about to exit; never throws (an
 * exit path has nowhere to report to).
 */
function removeTrackedPathsNow() {
    for (const entry of trackedTemporaryPaths()) {
        try {
            if (entry.kind === 'git-worktree')
                (0,_git_worktree_js__WEBPACK_IMPORTED_MODULE_3__/* .removeWorktreeSync */ .lz)(entry.repositoryPath, entry.path);
            else
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(entry.path, { recursive: true, force: true });
            tracked.delete(entry.path);
        }
        catch {
            // Nothing more can be done at this point.
        }
    }
}
/**
 * Removes one path the run created: a directory with everything in it; a worktree with git
 * (removeWorktree). Resolves with whether anything was there to remove. Only an absolute path
 * whose name the run gives (WORK_DIR_PREFIX, WORKTREE_PREFIX) is touched: anything else, from
 * a saved list that is not ours, throws an Error naming it.
 */
async function removeTemporaryPath(entry) {
    const prefix = entry.kind === 'git-worktree' ? _git_worktree_js__WEBPACK_IMPORTED_MODULE_3__/* .WORKTREE_PREFIX */ .ZK : WORK_DIR_PREFIX;
    if (!node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(entry.path) || !node_path__WEBPACK_IMPORTED_MODULE_2___default().basename(entry.path).startsWith(prefix)) {
        throw new Error(`refusing to remove ${JSON.stringify(entry.path)}: not a ${entry.kind} a run creates (an absolute path named ${prefix}…)`);
    }
    if (entry.kind === 'directory') {
        const existed = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(entry.path);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(entry.path, { recursive: true, force: true });
        return existed;
    }
    const existed = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(entry.path) || (await (0,_git_worktree_js__WEBPACK_IMPORTED_MODULE_3__/* .isRegisteredWorktree */ .WE)(entry.repositoryPath, entry.path));
    if (existed)
        await (0,_git_worktree_js__WEBPACK_IMPORTED_MODULE_3__/* .removeWorktree */ .IL)(entry.repositoryPath, entry.path);
    return existed;
}
/** "the work directory /tmp/bifrost-load-test-x" or "the git worktree /tmp/base-x of /repo" */
function describeTemporaryPath(entry) {
    return entry.kind === 'git-worktree'
        ? `the git worktree ${entry.path} of ${entry.repositoryPath}`
        : `the work directory ${entry.path}`;
}


/***/ }),

/***/ 421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__CLI_FLAG_NAMES = __webpack_exports__.XS;
/******/ var __webpack_exports__EXIT_BAD_INPUT_OR_SETUP = __webpack_exports__.wd;
/******/ var __webpack_exports__EXIT_FAILED = __webpack_exports__.hj;
/******/ var __webpack_exports__EXIT_PASSED = __webpack_exports__.K5;
/******/ var __webpack_exports__exitStatus = __webpack_exports__.$u;
/******/ var __webpack_exports__helpText = __webpack_exports__.BK;
/******/ var __webpack_exports__main = __webpack_exports__.iW;
/******/ var __webpack_exports__packageVersion = __webpack_exports__.Tl;
/******/ var __webpack_exports__parseArgs = __webpack_exports__.Zy;
/******/ export { __webpack_exports__CLI_FLAG_NAMES as CLI_FLAG_NAMES, __webpack_exports__EXIT_BAD_INPUT_OR_SETUP as EXIT_BAD_INPUT_OR_SETUP, __webpack_exports__EXIT_FAILED as EXIT_FAILED, __webpack_exports__EXIT_PASSED as EXIT_PASSED, __webpack_exports__exitStatus as exitStatus, __webpack_exports__helpText as helpText, __webpack_exports__main as main, __webpack_exports__packageVersion as packageVersion, __webpack_exports__parseArgs as parseArgs };
/******/ 
