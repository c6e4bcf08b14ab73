#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 319:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AU: () => (/* binding */ decideVerdict),
/* harmony export */   EK: () => (/* binding */ rateShortfallWarning),
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   _: () => (/* binding */ overheadChecks),
/* harmony export */   aj: () => (/* binding */ successRateCheck),
/* harmony export */   eZ: () => (/* binding */ RATE_SHORTFALL_FLAG)
/* harmony export */ });
/* unused harmony export formatValue */
/** Share under the configured rate past which a phase's achieved rate is flagged. */
const RATE_SHORTFALL_FLAG = 0.02;
const OVERHEAD_CHECKS = [
    { key: 'mean', label: 'Mean overhead' },
    { key: 'p50', label: 'P50 overhead' },
    { key: 'p90', label: 'P90 overhead' },
    { key: 'p95', label: 'P95 overhead' },
    { key: 'p99', label: 'P99 overhead' }
];
function overheadChecks(overhead, config) {
    return OVERHEAD_CHECKS.map(({ key, label }) => makeCheck(`overhead-${key}`, label, overhead[key], config.maxOverheadUs[key], 'µs', 'max'));
}
function successRateCheck(id, label, phase, minSuccessRatePct) {
    // successes × 100 / requests is the nearest double to the true percentage, so a run exactly
    // at the minimum passes; successRatio × 100 can land just below it (57 / 100 × 100 ≠ 57).
    const successPct = phase.requests > 0 ? (phase.successes * 100) / phase.requests : 0;
    return makeCheck(id, label, successPct, minSuccessRatePct, '%', 'min');
}
function makeCheck(id, label, value, limit, unit, bound) {
    const passed = bound === 'max' ? value <= limit : value >= limit;
    return { id, label, value, limit, unit, bound, passed };
}
/** A warning when a phase sent fewer requests per second than configured. */
function rateShortfallWarning(phaseLabel, phase, configuredRate) {
    if (phase.achievedRate >= configuredRate * (1 - RATE_SHORTFALL_FLAG))
        return undefined;
    const shortfallPct = (1 - phase.achievedRate / configuredRate) * 100;
    return `${phaseLabel}: achieved ${phase.achievedRate.toFixed(1)} RPS, ${shortfallPct.toFixed(1)}% under the configured ${configuredRate} RPS; the load generator could not keep up, so latencies may hide waiting.`;
}
function decideVerdict(checks, warnings) {
    const failures = checks.filter((check) => !check.passed);
    return { passed: failures.length === 0, checks, failures, warnings };
}
/** One line per failed check: what, its value, its limit. */
function describeFailure(check) {
    const relation = check.bound === 'max' ? 'above the limit of' : 'below the minimum of';
    return `${check.label} is ${formatValue(check.value, check.unit)}, ${relation} ${formatValue(check.limit, check.unit)}`;
}
function formatValue(value, unit) {
    return unit === '%' ? `${value.toFixed(2)}%` : `${value.toFixed(1)} µs`;
}


/***/ }),

/***/ 581:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ exitStatus),
/* harmony export */   BK: () => (/* binding */ helpText),
/* harmony export */   K5: () => (/* binding */ EXIT_PASSED),
/* harmony export */   Zy: () => (/* binding */ parseArgs),
/* harmony export */   hj: () => (/* binding */ EXIT_FAILED),
/* harmony export */   iW: () => (/* binding */ main),
/* harmony export */   wd: () => (/* binding */ EXIT_BAD_INPUT_OR_SETUP)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(916);
/* harmony import */ var _config_options_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(856);
/* harmony import */ var _config_file_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(974);
/* harmony import */ var _config_resolve_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(852);
/* harmony import */ var _package_root_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(956);
/* harmony import */ var _engine_run_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(399);
/* harmony import */ var _services_process_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(390);
/* harmony import */ var _report_console_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(475);










const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_BAD_INPUT_OR_SETUP = 2;
/** `--name value` or `--name=value` for every option, plus --config FILE and --help. */
function parseArgs(args) {
    const parsed = { help: false, options: {} };
    for (let index = 0; index < args.length; index++) {
        const arg = args[index];
        if (arg === '--help' || arg === '-h') {
            parsed.help = true;
            continue;
        }
        if (!arg.startsWith('--')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v('input', `unexpected argument ${JSON.stringify(arg)}; options start with --. See --help.`);
        }
        const equals = arg.indexOf('=');
        const name = arg.slice(2, equals === -1 ? undefined : equals);
        let value = equals === -1 ? undefined : arg.slice(equals + 1);
        if (value === undefined) {
            value = args[index + 1];
            if (value === undefined)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v('input', `--${name} needs a value. See --help.`);
            index++;
        }
        if (name === 'config')
            parsed.configFile = value;
        else if ((0,_config_options_js__WEBPACK_IMPORTED_MODULE_3__/* .isOptionName */ .RR)(name))
            parsed.options[name] = value;
        else
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v('input', (0,_config_file_js__WEBPACK_IMPORTED_MODULE_4__/* .unknownOptionMessage */ .N)(name, '--'));
    }
    return parsed;
}
function helpText() {
    const lines = [
        'Usage: bifrost-load-test [--config FILE] [--OPTION VALUE ...]',
        '',
        'Measures the latency a gateway adds on top of its provider: calibration (vegeta → mock',
        'provider), overhead (vegeta → gateway → mock provider) at the same rate, then stress runs.',
        'Options come from the defaults, then the JSON config FILE, then the flags.',
        'Exit status: 0 passed, 1 a check failed, 2 bad input or setup failure.',
        '',
        'Options:',
        '  --config FILE'.padEnd(40) + 'JSON object of option names to values'
    ];
    for (const option of _config_options_js__WEBPACK_IMPORTED_MODULE_3__/* .OPTIONS */ .lw) {
        const flag = `  --${option.name} ${option.valueHint}`;
        const defaultText = 'defaultValue' in option && option.defaultValue !== ''
            ? ` (default: ${option.defaultValue})`
            : '';
        lines.push(`${flag.padEnd(40)}${option.description}${defaultText}`);
    }
    return lines.join('\n');
}
function exitStatus(record) {
    if (record.status === 'passed')
        return EXIT_PASSED;
    if (record.failure && record.failure.kind !== 'run')
        return EXIT_BAD_INPUT_OR_SETUP;
    return EXIT_FAILED;
}
async function main(args, write = console.log, abortSignal) {
    try {
        const parsed = parseArgs(args);
        if (parsed.help) {
            write(helpText());
            return EXIT_PASSED;
        }
        const fileOptions = parsed.configFile ? (0,_config_file_js__WEBPACK_IMPORTED_MODULE_4__/* .loadConfigFile */ .H)(parsed.configFile) : {};
        const config = (0,_config_resolve_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveConfig */ .p)([fileOptions, parsed.options], {
            cwd: process.cwd(),
            packageRoot: (0,_package_root_js__WEBPACK_IMPORTED_MODULE_6__/* .packageRoot */ .Z)(),
            defaultToolsDir: (0,_package_root_js__WEBPACK_IMPORTED_MODULE_6__/* .defaultToolsDir */ .y)()
        });
        write(`bifrost-load-test: ${config.rate} RPS, results in ${config.resultsDir}`);
        const record = await (0,_engine_run_js__WEBPACK_IMPORTED_MODULE_7__/* .runLoadTest */ .O)(config, { onEvent: (0,_report_console_js__WEBPACK_IMPORTED_MODULE_9__/* .consoleProgress */ .p)(write), abortSignal });
        write((0,_report_console_js__WEBPACK_IMPORTED_MODULE_9__/* .renderConsoleSummary */ .c)(record));
        return exitStatus(record);
    }
    catch (error) {
        write(`error: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error)}`);
        return error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .LoadTestError */ .v && error.kind === 'run'
            ? EXIT_FAILED
            : EXIT_BAD_INPUT_OR_SETUP;
    }
}
function isEntryPoint() {
    const entry = process.argv[1];
    if (entry === undefined)
        return false;
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(entry) === (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url));
    }
    catch {
        return false;
    }
}
if (isEntryPoint()) {
    // The first Ctrl-C (or SIGTERM) stops the run cleanly and keeps what completed; a second
    // one stops what we started at once and leaves.
    const interrupt = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => {
            if (!interrupt.signal.aborted) {
                console.log(`\n${signal}: stopping the run and writing what completed…`);
                interrupt.abort(signal);
                return;
            }
            void (0,_services_process_js__WEBPACK_IMPORTED_MODULE_8__/* .stopAllProcesses */ .bf)().finally(() => process.exit(130));
        });
    }
    process.exitCode = await main(process.argv.slice(2), console.log, interrupt.signal);
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

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



/**
 * Reads a JSON config file whose keys are the option names. Numbers and booleans are taken
 * as their text; gateway-command may be an array and gateway-headers an object.
 */
function loadConfigFile(filePath) {
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
/* harmony export */   lw: () => (/* binding */ OPTIONS)
/* harmony export */ });
const OPTIONS = [
    {
        name: 'rate',
        valueHint: 'RPS',
        defaultValue: '1000',
        description: 'Requests per second in every phase (calibration, overhead, stress).'
    },
    {
        name: 'overhead-duration',
        valueHint: 'DURATION',
        defaultValue: '30s',
        description: 'Length of the calibration and of the overhead phase (e.g. 30s, 2m).'
    },
    {
        name: 'stress-duration',
        valueHint: 'DURATION',
        defaultValue: '30s',
        description: 'Length of each stress run.'
    },
    {
        name: 'overhead-mocker-latency-ms',
        valueHint: 'MS',
        defaultValue: '1000',
        description: 'Latency the mock provider adds to each request during calibration and overhead.'
    },
    {
        name: 'stress-mocker-latency-ms',
        valueHint: 'MS',
        defaultValue: '1000',
        description: 'Latency the mock provider adds to each request during the stress runs.'
    },
    {
        name: 'stress-runs',
        valueHint: 'N',
        defaultValue: '2',
        description: 'Number of stress runs after the restart, separated by an idle period.'
    },
    {
        name: 'stress-idle',
        valueHint: 'DURATION',
        defaultValue: '30s',
        description: 'Idle time between stress runs (catches connections that go stale while idle).'
    },
    {
        name: 'max-workers',
        valueHint: 'N',
        defaultValue: '12000',
        description: 'Upper bound on vegeta workers; must cover rate × mocker latency, or waiting vanishes from the latencies.'
    },
    {
        name: 'max-overhead-mean-us',
        valueHint: 'US',
        defaultValue: '5000',
        description: 'Largest allowed mean overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p50-us',
        valueHint: 'US',
        defaultValue: '5000',
        description: 'Largest allowed p50 overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p90-us',
        valueHint: 'US',
        defaultValue: '10000',
        description: 'Largest allowed p90 overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p95-us',
        valueHint: 'US',
        defaultValue: '20000',
        description: 'Largest allowed p95 overhead, in microseconds.'
    },
    {
        name: 'max-overhead-p99-us',
        valueHint: 'US',
        defaultValue: '100000',
        description: 'Largest allowed p99 overhead, in microseconds.'
    },
    {
        name: 'min-stress-success-rate',
        valueHint: 'PERCENT',
        defaultValue: '100',
        description: 'Smallest allowed success rate, in percent (0–100), of each stress run and of the overhead phase (failed requests are not overhead).'
    },
    {
        name: 'ready-timeout',
        valueHint: 'DURATION',
        defaultValue: '60s',
        description: 'How long the mocker and the gateway may take to become ready.'
    },
    {
        name: 'vegeta-version',
        valueHint: 'X.Y.Z',
        defaultValue: '12.13.0',
        description: 'vegeta version to use or install.'
    },
    {
        name: 'vegeta-path',
        valueHint: 'PATH',
        description: 'A vegeta binary to use instead of looking on PATH or installing one.'
    },
    {
        name: 'bifrost-path',
        valueHint: 'DIR',
        defaultValue: '.',
        description: 'A bifrost checkout; bifrost-http is built in its transports/ directory. Used unless gateway-binary or gateway-command is set.'
    },
    {
        name: 'gateway-binary',
        valueHint: 'PATH',
        description: "A prebuilt gateway binary taking bifrost-http's flags (-app-dir, -port, -host)."
    },
    {
        name: 'gateway-command',
        valueHint: 'COMMAND',
        description: 'Any OpenAI-compatible gateway: a command (split like a shell would, never run by one, or a JSON array) with placeholders {host}, {port}, {upstream} (the mocker base URL) and {app_dir}.'
    },
    {
        name: 'gateway-port',
        valueHint: 'PORT',
        defaultValue: '0',
        description: 'Port for the gateway on 127.0.0.1; 0 picks a free one.'
    },
    {
        name: 'gateway-health-path',
        valueHint: 'PATH',
        defaultValue: '/health',
        description: 'Path that answers 2xx once the gateway is ready; empty to use gateway-ready-log.'
    },
    {
        name: 'gateway-ready-log',
        valueHint: 'REGEX',
        description: "A pattern in the gateway's log that means it is ready (instead of the health path)."
    },
    {
        name: 'gateway-request-path',
        valueHint: 'PATH',
        defaultValue: '/v1/chat/completions',
        description: 'Path of the chat completions endpoint on the gateway.'
    },
    {
        name: 'gateway-model',
        valueHint: 'MODEL',
        defaultValue: 'openai/gpt-4o-mini',
        description: 'Model name sent through the gateway.'
    },
    {
        name: 'gateway-headers',
        valueHint: 'HEADERS',
        defaultValue: '',
        description: 'Extra headers sent to the gateway: "Name: value" lines, or a JSON object of names to values.'
    },
    {
        name: 'mocker-path',
        valueHint: 'DIR',
        description: "A Go mock provider to build; default: this tool's own mocker/."
    },
    {
        name: 'mocker-binary',
        valueHint: 'PATH',
        description: 'A prebuilt mock provider taking -host, -port and -latency.'
    },
    {
        name: 'mocker-repository',
        valueHint: 'URL',
        description: 'A git repository holding the mock provider, e.g. https://github.com/maximhq/bifrost-benchmarking.'
    },
    {
        name: 'mocker-ref',
        valueHint: 'REF',
        defaultValue: 'main',
        description: 'Branch, tag or commit of mocker-repository.'
    },
    {
        name: 'mocker-subdirectory',
        valueHint: 'DIR',
        defaultValue: 'mocker',
        description: 'Directory of the mock provider inside mocker-repository.'
    },
    {
        name: 'mocker-port',
        valueHint: 'PORT',
        defaultValue: '0',
        description: 'Port for the mock provider on 127.0.0.1; 0 picks a free one.'
    },
    {
        name: 'mocker-model',
        valueHint: 'MODEL',
        defaultValue: 'gpt-4o-mini',
        description: 'Model name sent straight to the mock provider during calibration.'
    },
    {
        name: 'results-dir',
        valueHint: 'DIR',
        defaultValue: 'load-test-results',
        description: 'Where results, logs and process stats are written.'
    },
    {
        name: 'tools-dir',
        valueHint: 'DIR',
        description: 'Where vegeta and built binaries are kept between runs; default ~/.cache/bifrost-load-test, or the runner tool cache in the action.'
    }
];
const OPTION_NAMES = OPTIONS.map((option) => option.name);
function isOptionName(name) {
    return OPTION_NAMES.includes(name);
}


/***/ }),

/***/ 852:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ expectedInFlight),
  p: () => (/* binding */ resolveConfig)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/config/options.ts
var options = __nccwpck_require__(856);
;// CONCATENATED MODULE: ./src/config/values.ts
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
const DURATION_UNIT_S = { ms: 0.001, s: 1, m: 60, h: 3600 };
/** "30", "30s", "1.5s", "500ms", "2m" → seconds. A bare number is seconds, as in the seed. */
function parseDurationS(text, minS, maxS) {
    const allowed = `a duration from ${minS}s to ${maxS}s, such as 30s, 500ms or 2m (a bare number is seconds)`;
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
    if (!match)
        return refuse(allowed);
    const seconds = Number(match[1]) * (DURATION_UNIT_S[match[2] ?? 's'] ?? 1);
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

;// CONCATENATED MODULE: ./src/config/resolve.ts





const DEFAULTS = Object.fromEntries(options/* OPTIONS */.lw.flatMap((option) => 'defaultValue' in option ? [[option.name, option.defaultValue]] : []));
const MAX_LATENCY_MS = 600_000;
const MAX_DURATION_S = 24 * 3600;
const MAX_PORT = 65_535;
/**
 * Builds the one validated config from option layers (later layers win over earlier ones,
 * all over the seed's defaults). Every problem is collected, so a user fixes them in one go;
 * nothing is started before this returns.
 */
function resolveConfig(layers, context) {
    const given = Object.assign({}, ...layers);
    const raw = { ...DEFAULTS, ...given };
    const problems = [];
    function take(name, parse, fallback) {
        const text = raw[name];
        if (text === undefined)
            return fallback;
        const parsed = parse(text);
        if (parsed.ok)
            return parsed.value;
        problems.push(`${name}: got ${JSON.stringify(text)}; expected ${parsed.allowed}.`);
        return fallback;
    }
    const isGiven = (name) => given[name] !== undefined && given[name]?.trim() !== '';
    const text = (name) => raw[name]?.trim() ?? '';
    const resolvePath = (name) => external_node_path_default().resolve(context.cwd, text(name));
    const rate = take('rate', (t) => parseInteger(t, 1, 100_000), 1);
    const overheadDurationS = take('overhead-duration', (t) => parseDurationS(t, 1, MAX_DURATION_S), 1);
    const stressDurationS = take('stress-duration', (t) => parseDurationS(t, 1, MAX_DURATION_S), 1);
    const overheadMockerLatencyMs = take('overhead-mocker-latency-ms', (t) => parseInteger(t, 0, MAX_LATENCY_MS), 0);
    const stressMockerLatencyMs = take('stress-mocker-latency-ms', (t) => parseInteger(t, 0, MAX_LATENCY_MS), 0);
    const stressRuns = take('stress-runs', (t) => parseInteger(t, 1, 20), 1);
    const stressIdleS = take('stress-idle', (t) => parseDurationS(t, 0, MAX_DURATION_S), 0);
    // An invalid max-workers is reported once; the fallback must not trip the check below.
    const maxWorkers = take('max-workers', (t) => parseInteger(t, 1, 1_000_000), Number.POSITIVE_INFINITY);
    const threshold = (name) => take(name, (t) => parseDecimal(t, 0, 60_000_000), 0);
    const maxOverheadUs = {
        mean: threshold('max-overhead-mean-us'),
        p50: threshold('max-overhead-p50-us'),
        p90: threshold('max-overhead-p90-us'),
        p95: threshold('max-overhead-p95-us'),
        p99: threshold('max-overhead-p99-us')
    };
    const minStressSuccessRatePct = take('min-stress-success-rate', (t) => parseDecimal(t, 0, 100), 0);
    const readyTimeoutS = take('ready-timeout', (t) => parseDurationS(t, 1, 3600), 1);
    const inFlight = expectedInFlight(rate, Math.max(overheadMockerLatencyMs, stressMockerLatencyMs));
    if (maxWorkers < inFlight) {
        problems.push(`max-workers: got ${maxWorkers}; expected at least ${inFlight}, the requests in flight at rate ${rate} × ${Math.max(overheadMockerLatencyMs, stressMockerLatencyMs)} ms mocker latency (fewer workers would make vegeta wait, and the waiting would vanish from the latencies).`);
    }
    const vegetaVersion = take('vegeta-version', parseVersion, '');
    const vegetaPath = isGiven('vegeta-path') ? resolvePath('vegeta-path') : undefined;
    if (vegetaPath !== undefined)
        requireFile(vegetaPath, 'vegeta-path', problems);
    const gatewaySource = resolveGatewaySource();
    const gatewayPort = take('gateway-port', (t) => parseInteger(t, 0, MAX_PORT), 0);
    const mockerPort = take('mocker-port', (t) => parseInteger(t, 0, MAX_PORT), 0);
    if (gatewayPort !== 0 && gatewayPort === mockerPort) {
        problems.push(`gateway-port and mocker-port: both are ${gatewayPort}; give them different ports.`);
    }
    const readyLogPattern = isGiven('gateway-ready-log')
        ? take('gateway-ready-log', parseRegex, '')
        : undefined;
    const healthPath = take('gateway-health-path', (t) => parseUrlPath(t, true), '/health');
    if (healthPath === '' && readyLogPattern === undefined) {
        problems.push('gateway-health-path: got ""; expected a path such as /health, or set gateway-ready-log so readiness can be detected.');
    }
    // An empty template means gateway-command did not parse, which is already reported.
    if (gatewaySource?.kind === 'command' &&
        gatewaySource.argvTemplate.length > 0 &&
        gatewayPort === 0) {
        const usesPort = gatewaySource.argvTemplate.some((word) => word.includes('{port}'));
        if (!usesPort) {
            problems.push('gateway-command: has no {port} placeholder; expected one (the run picks the port), or set gateway-port to the port the gateway listens on.');
        }
    }
    const requestPath = take('gateway-request-path', (t) => parseUrlPath(t, false), '');
    const headers = take('gateway-headers', parseHeaders, {});
    const mockerSource = resolveMockerSource();
    if (problems.length > 0) {
        throw new errors/* LoadTestError */.v('input', `Invalid options (nothing was started):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    return {
        rate,
        overheadDurationS,
        stressDurationS,
        overheadMockerLatencyMs,
        stressMockerLatencyMs,
        stressRuns,
        stressIdleS,
        maxWorkers,
        maxOverheadUs,
        minStressSuccessRatePct,
        readyTimeoutS,
        vegeta: { version: vegetaVersion, path: vegetaPath },
        gateway: {
            source: gatewaySource,
            port: gatewayPort,
            healthPath,
            readyLogPattern,
            requestPath,
            model: text('gateway-model'),
            headers
        },
        mocker: { source: mockerSource, port: mockerPort, model: text('mocker-model') },
        resultsDir: resolvePath('results-dir'),
        toolsDir: isGiven('tools-dir') ? resolvePath('tools-dir') : context.defaultToolsDir
    };
    function resolveGatewaySource() {
        const chosen = ['gateway-command', 'gateway-binary'].filter(isGiven);
        if (chosen.length > 1 || (chosen.length === 1 && isGiven('bifrost-path'))) {
            const names = [...(isGiven('bifrost-path') ? ['bifrost-path'] : []), ...chosen];
            problems.push(`${names.join(' and ')}: more than one gateway given; expected exactly one of bifrost-path, gateway-binary or gateway-command.`);
            return undefined;
        }
        if (chosen[0] === 'gateway-command') {
            const argvTemplate = take('gateway-command', parseCommand, []);
            return { kind: 'command', argvTemplate };
        }
        if (chosen[0] === 'gateway-binary') {
            const binaryPath = resolvePath('gateway-binary');
            requireFile(binaryPath, 'gateway-binary', problems);
            return { kind: 'binary', path: binaryPath };
        }
        const checkoutPath = resolvePath('bifrost-path');
        if (!isDirectory(external_node_path_default().join(checkoutPath, 'transports'))) {
            problems.push(`bifrost-path: got ${JSON.stringify(text('bifrost-path'))} (${checkoutPath}), which has no transports/ directory; expected a bifrost checkout, or set gateway-binary or gateway-command.`);
        }
        return { kind: 'bifrost-checkout', path: checkoutPath };
    }
    function resolveMockerSource() {
        const chosen = ['mocker-path', 'mocker-binary', 'mocker-repository'].filter(isGiven);
        if (chosen.length > 1) {
            problems.push(`${chosen.join(' and ')}: more than one mock provider given; expected at most one of mocker-path, mocker-binary or mocker-repository.`);
            return undefined;
        }
        if (chosen[0] === 'mocker-binary') {
            const binaryPath = resolvePath('mocker-binary');
            requireFile(binaryPath, 'mocker-binary', problems);
            return { kind: 'binary', path: binaryPath };
        }
        if (chosen[0] === 'mocker-repository') {
            const subdirectory = text('mocker-subdirectory');
            if (external_node_path_default().isAbsolute(subdirectory) || subdirectory.split(/[\\/]/).includes('..')) {
                problems.push(`mocker-subdirectory: got ${JSON.stringify(subdirectory)}; expected a relative path inside the repository.`);
            }
            const ref = text('mocker-ref');
            if (!/^[\w./-]+$/.test(ref) || ref.startsWith('-')) {
                problems.push(`mocker-ref: got ${JSON.stringify(ref)}; expected a branch, tag or commit name.`);
            }
            return { kind: 'git', repository: text('mocker-repository'), ref, subdirectory };
        }
        const directory = isGiven('mocker-path')
            ? resolvePath('mocker-path')
            : external_node_path_default().join(context.packageRoot, 'mocker');
        if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(directory, 'go.mod')) &&
            !(0,external_node_fs_.existsSync)(external_node_path_default().join(directory, 'main.go'))) {
            problems.push(`mocker-path: got ${JSON.stringify(directory)}, which holds no Go package (no go.mod or main.go); expected the mock provider's source directory.`);
        }
        return { kind: 'directory', path: directory };
    }
}
/** Requests in flight when every request waits latencyMs: the workers vegeta needs. */
function expectedInFlight(rate, latencyMs) {
    return Math.max(1, Math.ceil((rate * latencyMs) / 1000));
}
function isDirectory(candidate) {
    try {
        return (0,external_node_fs_.statSync)(candidate).isDirectory();
    }
    catch {
        return false;
    }
}
function requireFile(candidate, name, problems) {
    try {
        if ((0,external_node_fs_.statSync)(candidate).isFile())
            return;
    }
    catch {
        // reported below
    }
    problems.push(`${name}: got ${JSON.stringify(candidate)}, which is not a file; expected a path to an executable.`);
}


/***/ }),

/***/ 399:
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
// EXTERNAL MODULE: ./src/config/resolve.ts + 1 modules
var resolve = __nccwpck_require__(852);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(421);
;// CONCATENATED MODULE: ./src/tools/exec.ts


/**
 * Runs a short command to completion with argv (never through a shell) and captures its
 * output. A program that cannot be started is a setup error naming it.
 */
function runCommand(argv, options = {}) {
    const [program, ...args] = argv;
    if (program === undefined)
        throw new Error('runCommand needs a program');
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(program, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: options.timeoutMs
        });
        const stdout = [];
        const stderr = [];
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.on('error', (error) => reject(new errors/* LoadTestError */.v('setup', `could not run ${program}: ${error.code ?? error.message}`, {
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
    await (0,promises_.mkdir)(installDir, { recursive: true });
    options.log(`installing vegeta ${config.version} with go install into ${installDir}`);
    const result = await runCommand(['go', 'install', `${VEGETA_MODULE}@v${config.version}`], {
        env: { ...env, GOBIN: installDir }
    });
    if (result.exitCode !== 0 || !(await isExecutable(installed))) {
        throw new errors/* LoadTestError */.v('setup', `could not install vegeta ${config.version} with go install (exit status ${result.exitCode}):\n${outputTail(result)}`);
    }
    return { path: installed, version: config.version, source: 'go install' };
}
/**
 * A vegeta binary's version. Release builds print it with -version; a `go install`ed one
 * prints an empty version, so its module version is read from the binary's build info.
 */
async function vegetaVersion(binaryPath, env = process.env) {
    const printed = await runCommand([binaryPath, '-version'], { env }).catch(() => undefined);
    const fromFlag = /^Version:\s*v?(\d+\.\d+\.\d+)/m.exec(printed?.stdout ?? '')?.[1];
    if (fromFlag !== undefined)
        return fromFlag;
    const buildInfo = await runCommand(['go', 'version', '-m', binaryPath], { env }).catch(() => undefined);
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

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/tools/go-build.ts






const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'vendor', 'tmp', 'dist', 'build']);
function isGoBuildInput(fileName) {
    return (fileName.endsWith('.go') ||
        fileName === 'go.mod' ||
        fileName === 'go.sum' ||
        fileName === 'go.work' ||
        fileName === 'go.work.sum');
}
/**
 * A hash of every file that changes what `go build` produces from a tree: Go sources,
 * go.mod/go.sum/go.work, their paths, and the Go toolchain. Same hash, same binary.
 */
async function goSourceHash(sourceRoot, toolchain) {
    const files = [];
    async function walk(directory) {
        const entries = await (0,promises_.readdir)(directory, { withFileTypes: true });
        for (const entry of entries) {
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) {
                    await walk(external_node_path_default().join(directory, entry.name));
                }
            }
            else if (entry.isFile() && isGoBuildInput(entry.name)) {
                files.push(external_node_path_default().join(directory, entry.name));
            }
        }
    }
    await walk(sourceRoot);
    files.sort();
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`toolchain ${toolchain}\n`);
    for (const file of files) {
        hash.update(`${external_node_path_default().relative(sourceRoot, file)}\0`);
        hash.update(await (0,promises_.readFile)(file));
        hash.update('\0');
    }
    return hash.digest('hex');
}
async function goToolchain(env = process.env) {
    const result = await runCommand(['go', 'env', 'GOVERSION', 'GOOS', 'GOARCH'], { env });
    if (result.exitCode !== 0) {
        throw new errors/* LoadTestError */.v('setup', `go is needed to build the gateway and the mocker:\n${outputTail(result)}`);
    }
    return result.stdout.trim().split('\n').join(' ');
}
/** `go build .` in packageDir, unless a binary built from the same sources is kept. */
async function buildGoBinary(request) {
    const env = request.env ?? process.env;
    const started = Date.now();
    const sourceHash = await goSourceHash(request.sourceRoot, await goToolchain(env));
    const outputDir = external_node_path_default().join(request.buildsDir, `${request.name}-${sourceHash.slice(0, 16)}`);
    const binaryPath = external_node_path_default().join(outputDir, request.name);
    if (await isExecutable(binaryPath)) {
        request.log(`${request.name}: sources unchanged (${sourceHash.slice(0, 12)}), reusing ${binaryPath}`);
        return { binaryPath, sourceHash, reused: true, buildMs: Date.now() - started };
    }
    await (0,promises_.mkdir)(outputDir, { recursive: true });
    request.log(`${request.name}: building with go build in ${request.packageDir}`);
    // Build beside the final name and rename, so an interrupted build never looks reusable.
    const partialPath = `${binaryPath}.partial`;
    const result = await runCommand(['go', 'build', '-o', partialPath, '.'], {
        cwd: request.packageDir,
        env
    });
    if (result.exitCode !== 0) {
        await (0,promises_.rm)(partialPath, { force: true });
        throw new errors/* LoadTestError */.v('setup', `${request.name}: go build failed in ${request.packageDir} (exit status ${result.exitCode}):\n${outputTail(result, 30)}`);
    }
    await (0,promises_.rename)(partialPath, binaryPath);
    const buildMs = Date.now() - started;
    request.log(`${request.name}: built in ${(buildMs / 1000).toFixed(1)} s`);
    return { binaryPath, sourceHash, reused: false, buildMs };
}

;// CONCATENATED MODULE: ./src/tools/mocker.ts






/** The mock provider's binary: given, built from a directory, or built from a git ref. */
async function resolveMocker(source, toolsDir, log) {
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
    const key = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(repository).digest('hex').slice(0, 16);
    const directory = external_node_path_default().join(toolsDir, 'sources', `git-${key}`);
    await (0,promises_.mkdir)(directory, { recursive: true });
    log(`mocker: fetching ${repository} at ${ref}`);
    const git = async (args) => {
        const result = await runCommand(['git', ...args], { cwd: directory });
        if (result.exitCode !== 0) {
            throw new errors/* LoadTestError */.v('setup', `mocker-repository ${repository} at mocker-ref ${ref}: git ${args[0]} failed:\n${outputTail(result)}`);
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
 * The gateway's binary for sources that have one: a bifrost checkout is built in
 * transports/, as bifrost's own script does; a prebuilt binary is used as is.
 * A command-started gateway has no binary to prepare.
 */
async function resolveGatewayBinary(source, toolsDir, log) {
    if (source.kind === 'command')
        return undefined;
    if (source.kind === 'binary')
        return { binaryPath: source.path, origin: source.path, reused: true };
    await ensureEmbeddedUiDirectory(source.path, log);
    const build = await buildGoBinary({
        name: 'gateway',
        packageDir: external_node_path_default().join(source.path, 'transports'),
        sourceRoot: source.path,
        buildsDir: external_node_path_default().join(toolsDir, 'builds'),
        log
    });
    return {
        binaryPath: build.binaryPath,
        origin: `source ${build.sourceHash.slice(0, 12)}`,
        reused: build.reused
    };
}
/**
 * bifrost-http embeds transports/bifrost-http/ui, which is built by the UI toolchain and
 * absent from a clean checkout; without the directory `go build` fails.
 */
async function ensureEmbeddedUiDirectory(checkoutPath, log) {
    const httpDir = external_node_path_default().join(checkoutPath, 'transports', 'bifrost-http');
    if (!(await isDirectory(httpDir)))
        return;
    const uiDir = external_node_path_default().join(httpDir, 'ui');
    if (await isDirectory(uiDir))
        return;
    await (0,promises_.mkdir)(uiDir);
    log(`created ${uiDir}, which bifrost-http embeds and a clean checkout lacks`);
}
async function isDirectory(candidate) {
    try {
        return (await (0,promises_.stat)(candidate)).isDirectory();
    }
    catch {
        return false;
    }
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

// EXTERNAL MODULE: ./src/services/process.ts + 1 modules
var services_process = __nccwpck_require__(390);
;// CONCATENATED MODULE: ./src/load/attack.ts


const toMs = (seconds) => `${Math.round(seconds * 1000)}ms`;
/** vegeta's argv for one attack; -max-body=0 keeps no bodies, so results stay small. */
function attackArgv(vegetaPath, plan) {
    return [
        vegetaPath,
        'attack',
        '-format=json',
        `-targets=${plan.targetsFile}`,
        `-output=${plan.resultsFile}`,
        `-name=${plan.name}`,
        `-rate=${plan.rate}/1s`,
        `-duration=${toMs(plan.durationS)}`,
        `-timeout=${toMs(plan.timeoutS)}`,
        `-workers=${plan.workers}`,
        `-max-workers=${plan.maxWorkers}`,
        '-max-body=0'
    ];
}
/** Runs one vegeta attack to completion (or until aborted) and reports its wall time. */
async function runAttack(vegetaPath, plan, options = {}) {
    const startedMs = Date.now();
    const vegeta = (0,services_process/* startProcess */.kp)({
        name: `vegeta (${plan.name})`,
        argv: attackArgv(vegetaPath, plan),
        logFile: plan.logFile
    });
    let aborted = false;
    const abort = () => {
        aborted = true;
        // SIGINT makes vegeta stop attacking and flush the results it has.
        if (vegeta.running)
            process.kill(vegeta.pid, 'SIGINT');
    };
    if (options.abortSignal?.aborted)
        abort();
    options.abortSignal?.addEventListener('abort', abort, { once: true });
    const progressTimer = setInterval(() => options.onProgress?.((Date.now() - startedMs) / 1000), 1000);
    try {
        const exit = await vegeta.exited;
        if (exit.code !== 0 && !aborted) {
            throw new errors/* LoadTestError */.v('run', `vegeta attack for ${plan.name} ${vegeta.exitDescription()}; see ${plan.logFile}:\n${vegeta.logTail(10)}`, { logFile: plan.logFile, logTail: vegeta.logTail(20) });
        }
    }
    finally {
        clearInterval(progressTimer);
        options.abortSignal?.removeEventListener('abort', abort);
        await vegeta.stop();
    }
    return { wallS: (Date.now() - startedMs) / 1000, aborted };
}

;// CONCATENATED MODULE: ./src/load/targets.ts

/** The chat request every phase sends, as in the seed. */
function chatRequestBody(model) {
    return JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello, how are you?' }] });
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
        body: Buffer.from(chatRequestBody(target.model)).toString('base64')
    });
}
async function writeTargetsFile(filePath, target) {
    await (0,promises_.writeFile)(filePath, `${vegetaJsonTarget(target)}\n`);
}

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
/**
 * Folds the lines of `vegeta encode --to csv` into PhaseStatistics. Latencies are kept in
 * a Float64Array (8 bytes each, doubled when full) rather than an array of numbers, so a
 * million results cost 8–16 MB.
 */
class ResultsAccumulator {
    sourceName;
    topErrorCount;
    lineNumber = 0;
    /** A record whose quoted field spans lines, and the line it started on. */
    pendingRecord;
    pendingLineNumber = 0;
    requests = 0;
    successes = 0;
    latenciesNs = new Float64Array(1024);
    commaPositions = new Int32Array(VEGETA_CSV_FIELD_COUNT - 1);
    /** Count per status code, indexed by the code (HTTP codes have three digits). */
    statusCodeCounts = new Float64Array(1000);
    errors = new Map();
    // Decimal strings: these exceed 2^53.
    firstTimestampNs;
    lastTimestampNs;
    /** `sourceName` names the results in error messages (usually the file). */
    constructor(sourceName, options = {}) {
        const topErrorCount = options.topErrorCount ?? DEFAULT_TOP_ERROR_COUNT;
        if (!Number.isInteger(topErrorCount) || topErrorCount < 0) {
            throw new RangeError(`topErrorCount must be a non-negative integer, got ${topErrorCount}`);
        }
        this.sourceName = sourceName;
        this.topErrorCount = topErrorCount;
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
        this.addResult(fields[TIMESTAMP_FIELD], fields[CODE_FIELD], fields[LATENCY_FIELD], fields[ERROR_FIELD], recordLineNumber);
    }
    /**
     * The statistics of every result added. With no results all counts, rates and latencies
     * are 0 and the histogram is empty: `requests: 0` says that nothing was measured.
     */
    finish() {
        if (this.pendingRecord !== undefined) {
            throw this.malformed(this.pendingLineNumber, 'quoted field not closed before the end');
        }
        const requests = this.requests;
        const latenciesNs = this.latenciesNs.subarray(0, requests);
        const attackSpanS = this.firstTimestampNs === undefined || this.lastTimestampNs === undefined
            ? 0
            : Number(BigInt(this.lastTimestampNs) - BigInt(this.firstTimestampNs)) / 1e9;
        const topErrors = [...this.errors]
            .map(([error, count]) => ({ error, count }))
            .sort((a, b) => b.count - a.count || (a.error < b.error ? -1 : a.error > b.error ? 1 : 0))
            .slice(0, this.topErrorCount);
        return {
            requests,
            successes: this.successes,
            successRatio: requests === 0 ? 0 : this.successes / requests,
            statusCodes: this.statusCodeRecord(),
            topErrors,
            attackSpanS,
            // Fewer than 2 requests, or all sent in the same nanosecond, have no rate to measure.
            achievedRate: requests < 2 || attackSpanS === 0 ? 0 : (requests - 1) / attackSpanS,
            latencyNs: requests === 0
                ? { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 }
                : latencyStats(latenciesNs),
            // latencyStats has sorted the latencies in place.
            histogram: latencyHistogram(latenciesNs)
        };
    }
    /** Finds the fields by their commas, slicing out only the four that are needed. */
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
        const timestampEnd = commas[TIMESTAMP_FIELD];
        const codeEnd = commas[CODE_FIELD];
        const latencyEnd = commas[LATENCY_FIELD];
        const errorStart = commas[ERROR_FIELD - 1] + 1;
        this.addResult(line.slice(0, timestampEnd), line.slice(timestampEnd + 1, codeEnd), line.slice(codeEnd + 1, latencyEnd), line.slice(errorStart, commas[ERROR_FIELD]), this.lineNumber);
    }
    addResult(timestampNs, code, latencyField, error, recordLineNumber) {
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
        if (this.requests === this.latenciesNs.length) {
            const grown = new Float64Array(this.latenciesNs.length * 2);
            grown.set(this.latenciesNs);
            this.latenciesNs = grown;
        }
        this.latenciesNs[this.requests] = latencyNs;
        this.requests++;
        const codeNumber = Number(code);
        if (codeNumber >= 200 && codeNumber < 400)
            this.successes++;
        this.statusCodeCounts[codeNumber] = this.statusCodeCounts[codeNumber] + 1;
        if (error !== '')
            this.errors.set(error, (this.errors.get(error) ?? 0) + 1);
        // Results arrive in completion order, not send order: track both ends.
        if (this.firstTimestampNs === undefined || isEarlier(timestampNs, this.firstTimestampNs)) {
            this.firstTimestampNs = timestampNs;
        }
        if (this.lastTimestampNs === undefined || isEarlier(this.lastTimestampNs, timestampNs)) {
            this.lastTimestampNs = timestampNs;
        }
    }
    /** Codes that occurred, as decimal strings ("0" for no response) in ascending order. */
    statusCodeRecord() {
        const record = {};
        this.statusCodeCounts.forEach((count, code) => {
            if (count > 0)
                record[String(code)] = count;
        });
        return record;
    }
    malformed(recordLineNumber, problem) {
        return new errors/* LoadTestError */.v('run', `${this.sourceName}: malformed vegeta result on line ${recordLineNumber}: ${problem}`);
    }
}
function fieldCountProblem(fieldCount) {
    return `${fieldCount} fields where vegeta writes ${VEGETA_CSV_FIELD_COUNT}`;
}
/** Compares decimal integers without leading zeros, which may exceed 2^53, as text. */
function isEarlier(a, b) {
    return a.length !== b.length ? a.length < b.length : a < b;
}
/**
 * Statistics of a vegeta results file (any encoding vegeta reads). Streams the output of
 * `vegeta encode --to csv` line by line, so memory grows with the number of results
 * (8 bytes each), not with the size of the output. An empty file (an attack that sent
 * nothing) gives the zero statistics of ResultsAccumulator.finish.
 */
async function readVegetaResults(vegetaPath, resultsBinPath, options = {}) {
    const accumulator = new ResultsAccumulator(resultsBinPath, options);
    let sizeBytes;
    try {
        sizeBytes = (await (0,promises_.stat)(resultsBinPath)).size;
    }
    catch (error) {
        const message = `cannot read vegeta results ${resultsBinPath}: ${(0,errors/* errorMessage */.g)(error)}`;
        throw new errors/* LoadTestError */.v('run', message, { cause: error });
    }
    // vegeta encode rejects an empty file ("can't detect encoding").
    if (sizeBytes === 0)
        return accumulator.finish();
    // Absolute, so that a name starting with "-" is not taken for a flag.
    const child = (0,external_node_child_process_.spawn)(vegetaPath, ['encode', '-to', 'csv', external_node_path_default().resolve(resultsBinPath)], {
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
            reject(new errors/* LoadTestError */.v('setup', message, { cause: error }));
        });
        child.on('close', (code, signal) => resolve({ code, signal }));
    });
    let malformed;
    const lines = (0,external_node_readline_namespaceObject.createInterface)({ input: child.stdout, crlfDelay: Infinity });
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
            // The rest of the output is of no use; unread, it could hold the child's 'close' back.
            child.stdout.destroy();
            child.kill();
        }
    });
    const [{ code, signal }] = await Promise.all([exited, linesDone]);
    if (malformed !== undefined)
        throw malformed;
    if (code !== 0) {
        const exit = code === null ? `signal ${signal}` : `exit status ${code}`;
        throw new errors/* LoadTestError */.v('run', `vegeta encode could not decode ${resultsBinPath} (${exit}): ${stderr.trim()}`);
    }
    return accumulator.finish();
}

// EXTERNAL MODULE: ./src/load/types.ts
var types = __nccwpck_require__(557);
;// CONCATENATED MODULE: ./src/analysis/overhead.ts

/**
 * Overhead per statistic = through-gateway − calibration, in µs. Each percentile is
 * subtracted from the same percentile (not request by request), as the seed does: the two
 * runs are separate samples of the same load.
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
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __nccwpck_require__(285);
// EXTERNAL MODULE: ./src/record.ts
var src_record = __nccwpck_require__(846);
;// CONCATENATED MODULE: ./src/report/redact.ts
const REDACTED = '***';
/**
 * The config as reports show it: header values (API keys, tokens) are replaced, since
 * results files, artifacts and job summaries are readable by anyone who can see the run.
 */
function publicConfig(config) {
    const headers = Object.fromEntries(Object.keys(config.gateway.headers).map((name) => [name, REDACTED]));
    return { ...config, gateway: { ...config.gateway, headers } };
}

;// CONCATENATED MODULE: ./src/report/results-json.ts




const SCHEMA_VERSION = 1;
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
function phaseJson(phase) {
    const stats = phase.statistics;
    return {
        id: phase.id,
        label: phase.label,
        target: phase.target,
        url: phase.url,
        configured_rate: phase.configuredRate,
        actual_rate: round2(stats.achievedRate),
        rate_below_configured: stats.achievedRate < phase.configuredRate * (1 - verdict/* RATE_SHORTFALL_FLAG */.eZ),
        duration: phase.durationS,
        mocker_latency_ms: phase.mockerLatencyMs,
        workers: phase.workers,
        timeout_s: phase.timeoutS,
        started_at: phase.startedAt,
        wall_s: round2(phase.wallS),
        requests: stats.requests,
        success_rate: round2(stats.successRatio * 100),
        status_codes: stats.statusCodes,
        top_errors: stats.topErrors,
        latency_us: latencyUs(stats.latencyNs),
        histogram: stats.histogram.map((bucket) => ({
            lower_us: nsToUs(bucket.lowerNs),
            upper_us: nsToUs(bucket.upperNs),
            count: bucket.count
        }))
    };
}
function processStatsJson(summary) {
    if (summary === undefined)
        return undefined;
    return {
        cpu_avg_pct: round2(summary.cpuAvgPct),
        cpu_peak_pct: round2(summary.cpuPeakPct),
        rss_avg_mb: round2(summary.rssAvgMb),
        rss_peak_mb: round2(summary.rssPeakMb),
        samples: summary.samples
    };
}
/**
 * load-test-results.json: the seed's keys (overhead, stress, process_stats, timestamp) with
 * the same meaning, plus schema_version, the resolved config, every phase and the verdict.
 */
function buildResultsJson(record) {
    const config = record.config;
    const { overhead: overheadPhase, stress: stressPhases } = (0,src_record/* phasesByRole */.c)(record.phases);
    const lastStress = stressPhases.at(-1);
    return {
        schema_version: SCHEMA_VERSION,
        status: record.status,
        timestamp: record.finishedAt,
        started_at: record.startedAt,
        overhead: overheadPhase && record.overheadUs
            ? {
                configured_rate: config.rate,
                actual_rate: round2(overheadPhase.statistics.achievedRate),
                duration: config.overheadDurationS,
                concurrent: (0,resolve/* expectedInFlight */.i)(config.rate, config.overheadMockerLatencyMs),
                success_rate: round2(overheadPhase.statistics.successRatio * 100),
                latency_us: {
                    min: round2(record.overheadUs.min),
                    mean: round2(record.overheadUs.mean),
                    p50: round2(record.overheadUs.p50),
                    p90: round2(record.overheadUs.p90),
                    p95: round2(record.overheadUs.p95),
                    p99: round2(record.overheadUs.p99),
                    p999: round2(record.overheadUs.p999),
                    max: round2(record.overheadUs.max)
                }
            }
            : null,
        stress: lastStress
            ? {
                rate: config.rate,
                duration: config.stressDurationS,
                mocker_latency_ms: config.stressMockerLatencyMs,
                // The seed reports the last stress run's success rate; the runs are all below.
                success_rate: round2(lastStress.statistics.successRatio * 100),
                min_success_rate: round2(Math.min(...stressPhases.map((phase) => phase.statistics.successRatio * 100))),
                runs: stressPhases.map((phase) => ({
                    id: phase.id,
                    success_rate: round2(phase.statistics.successRatio * 100),
                    actual_rate: round2(phase.statistics.achievedRate)
                }))
            }
            : null,
        process_stats: {
            overhead: processStatsJson(record.processStats.overhead) ?? null,
            stress: processStatsJson(record.processStats.stress) ?? null
        },
        phases: record.phases.map(phaseJson),
        verdict: {
            passed: record.verdict.passed,
            failures: record.verdict.failures.map((check) => ({
                check: check.id,
                label: check.label,
                value: round2(check.value),
                limit: check.limit,
                unit: check.unit
            })),
            checks: record.verdict.checks.map((check) => ({
                check: check.id,
                value: round2(check.value),
                limit: check.limit,
                unit: check.unit,
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
        config: publicConfig(record.config)
    };
}

;// CONCATENATED MODULE: ./src/report/write.ts




const RESULTS_JSON_FILE = 'load-test-results.json';
const RESULTS_MARKDOWN_FILE = 'load-test-results.md';
/** Writes results JSON and Markdown; each file appears whole (written aside, then renamed). */
async function writeReports(record) {
    await (0,promises_.mkdir)(external_node_path_default().dirname(record.files.json), { recursive: true });
    await writeAtomically(record.files.json, `${JSON.stringify(buildResultsJson(record), null, 2)}\n`);
    await writeAtomically(record.files.markdown, (0,markdown/* renderMarkdown */.Gc)(record));
}
async function writeAtomically(filePath, content) {
    const partial = `${filePath}.partial`;
    await (0,promises_.writeFile)(partial, content);
    await (0,promises_.rename)(partial, filePath);
}
/** Files an earlier run left in the results directory; nothing else there is touched. */
const PREVIOUS_RUN_FILE = /^(load-test-results\.(json|md)|gateway-process-stats\.csv|(mocker|gateway|vegeta)-[\w-]+\.log)$/;
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

// EXTERNAL MODULE: ./src/report/format.ts
var format = __nccwpck_require__(11);
;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
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
        if (!managed.running) {
            throw notReadyError(managed, `${managed.name} ${managed.exitDescription()} before it was ready`);
        }
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

// EXTERNAL MODULE: ./src/services/proc-stats.ts
var proc_stats = __nccwpck_require__(208);
;// CONCATENATED MODULE: ./src/services/launch.ts


const LOOPBACK_HOST = '127.0.0.1';
/** The mock provider's argv: the upstream mocker's flags, bound to loopback. */
function mockerArgv(binaryPath, port, latencyMs) {
    return [binaryPath, '-host', LOOPBACK_HOST, '-port', String(port), '-latency', String(latencyMs)];
}
/**
 * bifrost-http's config.json: one OpenAI provider whose base URL is the mock provider,
 * stores and logging off so they do not weigh on the measurement, and provider
 * concurrency sized well above the requests in flight so the gateway never queues.
 */
function bifrostConfig(mockerBaseUrl, requestsInFlight) {
    const concurrency = Math.max(5000, requestsInFlight * 2);
    return {
        $schema: 'https://www.getbifrost.ai/schema',
        client: {
            enable_logging: false,
            initial_pool_size: concurrency,
            drop_excess_requests: false,
            allow_direct_keys: false
        },
        config_store: { enabled: false },
        logs_store: { enabled: false },
        plugins: [],
        providers: {
            openai: {
                keys: [{ name: 'mocker-key', value: 'mocker-key', weight: 1, models: ['*'] }],
                network_config: { base_url: mockerBaseUrl, default_request_timeout_in_seconds: 30 },
                concurrency_and_buffer_size: { concurrency, buffer_size: concurrency * 2 }
            }
        }
    };
}
async function writeGatewayAppDir(appDir, mockerBaseUrl, requestsInFlight) {
    await (0,promises_.mkdir)(appDir, { recursive: true });
    const configPath = external_node_path_default().join(appDir, 'config.json');
    await (0,promises_.writeFile)(configPath, `${JSON.stringify(bifrostConfig(mockerBaseUrl, requestsInFlight), null, 2)}\n`);
    return configPath;
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
        'info'
    ];
}

;// CONCATENATED MODULE: ./src/engine/services.ts







const baseUrl = (port) => `http://${LOOPBACK_HOST}:${port}`;
/**
 * Starts the mock provider at the given latency, then the gateway pointing at it, waits for
 * both to be ready, and starts sampling the gateway's process tree. `generation` names the
 * logs, so a restart never overwrites the logs of the first start.
 */
async function startServices(config, binaries, ports, mockerLatencyMs, generation) {
    const resultsDir = config.resultsDir;
    const readyTimeoutMs = config.readyTimeoutS * 1000;
    const mockerBaseUrl = baseUrl(ports.mocker);
    const mocker = (0,services_process/* startProcess */.kp)({
        name: 'mocker',
        argv: mockerArgv(binaries.mockerPath, ports.mocker, mockerLatencyMs),
        logFile: external_node_path_default().join(resultsDir, `mocker-${generation}.log`)
    });
    await waitUntilReady(mocker, { healthUrl: `${mockerBaseUrl}/health` }, { timeoutMs: readyTimeoutMs });
    const appDir = external_node_path_default().join(resultsDir, 'gateway-app');
    await writeGatewayAppDir(appDir, mockerBaseUrl, (0,resolve/* expectedInFlight */.i)(config.rate, mockerLatencyMs));
    const gatewayBaseUrl = baseUrl(ports.gateway);
    const gateway = (0,services_process/* startProcess */.kp)({
        name: 'gateway',
        argv: gatewayArgv({
            source: config.gateway.source,
            binaryPath: binaries.gatewayPath,
            port: ports.gateway,
            appDir,
            mockerBaseUrl
        }),
        cwd: appDir,
        logFile: external_node_path_default().join(resultsDir, `gateway-${generation}.log`)
    });
    const readiness = config.gateway.healthPath !== ''
        ? { healthUrl: `${gatewayBaseUrl}${config.gateway.healthPath}` }
        : { logPattern: new RegExp(config.gateway.readyLogPattern ?? '') };
    await waitUntilReady(gateway, readiness, { timeoutMs: readyTimeoutMs });
    const sampler = new proc_stats/* ProcessTreeSampler */.O1({
        rootPid: gateway.pid,
        csvPath: external_node_path_default().join(resultsDir, 'gateway-process-stats.csv')
    });
    const exitOf = (service, name) => service.exited.then(() => new errors/* LoadTestError */.v('run', `the ${name} ${service.exitDescription()} while the run needed it`, {
        logFile: service.logFile,
        logTail: service.logTail(20)
    }));
    return {
        mocker,
        gateway,
        sampler,
        mockerBaseUrl,
        gatewayBaseUrl,
        firstExit: Promise.race([exitOf(gateway, 'gateway'), exitOf(mocker, 'mock provider')])
    };
}
/** Stops sampling, then the gateway, then the mock provider (the gateway's upstream last). */
async function stopServices(services) {
    if (services === undefined)
        return;
    await services.sampler.stop();
    await services.gateway.stop();
    await services.mocker.stop();
}

;// CONCATENATED MODULE: ./src/engine/run.ts


















/**
 * The seed's whole run: tools, calibration and overhead at the same rate, a restart, the
 * stress runs; then the verdict. Whatever happens, every process it started is stopped and
 * the results of what completed are written, with the reason when it stopped early.
 */
async function runLoadTest(config, options = {}) {
    const emit = options.onEvent ?? (() => undefined);
    const info = (message) => emit({ type: 'info', message });
    const resultsDir = config.resultsDir;
    await (0,promises_.mkdir)(resultsDir, { recursive: true });
    await clearPreviousResults(resultsDir);
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'bifrost-load-test-'));
    const record = {
        startedAt: new Date().toISOString(),
        finishedAt: '',
        config,
        tools: {},
        ports: {},
        phases: [],
        processStats: {},
        verdict: (0,verdict/* decideVerdict */.AU)([], []),
        status: 'error',
        processes: [],
        files: {
            resultsDir,
            json: external_node_path_default().join(resultsDir, RESULTS_JSON_FILE),
            markdown: external_node_path_default().join(resultsDir, RESULTS_MARKDOWN_FILE),
            processStatsCsv: external_node_path_default().join(resultsDir, 'gateway-process-stats.csv')
        }
    };
    const checks = [];
    const warnings = [];
    const startedProcesses = [];
    let services;
    let currentPhase = 'setup';
    const interruptedError = () => new errors/* LoadTestError */.v('run', `the run was interrupted (${String(options.abortSignal?.reason)})`);
    const interruption = new Promise((resolve) => {
        if (options.abortSignal?.aborted)
            resolve(interruptedError());
        else {
            options.abortSignal?.addEventListener('abort', () => resolve(interruptedError()), {
                once: true
            });
        }
    });
    // Why the services' phases must stop early: one of them exited, or the run was interrupted.
    const stopReason = (running) => Promise.race([running.firstExit, interruption]);
    const throwIfInterrupted = () => {
        if (options.abortSignal?.aborted)
            throw interruptedError();
    };
    // The sampler of each gateway process adds its phases' CPU and RSS to the record.
    const finishSampling = async (running) => {
        await running.sampler.stop();
        Object.assign(record.processStats, running.sampler.summary());
    };
    // Every process started while the run lasts is the run's: mocker, gateway and vegeta.
    const stopWatchingStarts = (0,services_process/* onProcessStarted */.qZ)((process) => {
        startedProcesses.push(process);
        options.onProcessStarted?.(process);
    });
    try {
        const vegeta = await resolveVegeta(config.vegeta, {
            toolsDir: config.toolsDir,
            log: info,
            download: options.downloadVegeta
        });
        record.tools.vegeta = vegeta;
        info(`vegeta ${vegeta.version} (${vegeta.source}): ${vegeta.path}`);
        const mocker = await resolveMocker(config.mocker.source, config.toolsDir, info);
        record.tools.mocker = mocker;
        const gatewayBinary = await resolveGatewayBinary(config.gateway.source, config.toolsDir, info);
        record.tools.gateway = {
            kind: config.gateway.source.kind,
            binaryPath: gatewayBinary?.binaryPath,
            origin: gatewayBinary?.origin ??
                (config.gateway.source.kind === 'command'
                    ? config.gateway.source.argvTemplate.join(' ')
                    : ''),
            reused: gatewayBinary?.reused ?? false
        };
        const binaries = {
            mockerPath: mocker.binaryPath,
            gatewayPath: gatewayBinary?.binaryPath
        };
        const ports = await choosePorts(config);
        record.ports = { ...ports };
        const runPhase = async (plan, running) => {
            currentPhase = plan.label;
            const target = plan.target === 'mocker'
                ? {
                    url: `${running.mockerBaseUrl}/v1/chat/completions`,
                    model: config.mocker.model,
                    headers: { Authorization: 'Bearer mocker-key' }
                }
                : {
                    url: `${running.gatewayBaseUrl}${config.gateway.requestPath}`,
                    model: config.gateway.model,
                    headers: config.gateway.headers
                };
            throwIfInterrupted();
            const { phase, stoppedBy } = await measurePhase(config, vegeta.path, workDir, plan, target, stopReason(running), emit);
            record.phases.push(phase);
            // What a cut-short phase measured is kept; then the run stops with the reason.
            if (stoppedBy)
                throw stoppedBy;
            return phase;
        };
        // Phase 1: calibration (direct) and overhead (through the gateway), same rate and duration.
        currentPhase = 'starting services';
        services = await startServices(config, binaries, ports, config.overheadMockerLatencyMs, 'overhead');
        services.sampler.start('calibration');
        const overheadTimeoutS = config.overheadMockerLatencyMs / 1000 + 5;
        const calibration = await runPhase({
            id: 'calibration',
            label: 'Calibration',
            target: 'mocker',
            durationS: config.overheadDurationS,
            mockerLatencyMs: config.overheadMockerLatencyMs,
            timeoutS: overheadTimeoutS
        }, services);
        services.sampler.setPhase('overhead');
        const overhead = await runPhase({
            id: 'overhead',
            label: 'Overhead',
            target: 'gateway',
            durationS: config.overheadDurationS,
            mockerLatencyMs: config.overheadMockerLatencyMs,
            timeoutS: overheadTimeoutS
        }, services);
        record.overheadUs = overheadUs(calibration.statistics.latencyNs, overhead.statistics.latencyNs);
        checks.push(...(0,verdict/* overheadChecks */._)(record.overheadUs, config));
        checks.push((0,verdict/* successRateCheck */.aj)('overhead-success-rate', 'Overhead phase success rate', overhead.statistics, config.minStressSuccessRatePct));
        for (const phase of [calibration, overhead]) {
            const warning = (0,verdict/* rateShortfallWarning */.EK)(phase.label, phase.statistics, config.rate);
            if (warning)
                warnings.push(warning);
        }
        emit({
            type: 'info',
            message: `overhead: mean ${(0,format/* formatUs */.oC)(record.overheadUs.mean)}, p50 ${(0,format/* formatUs */.oC)(record.overheadUs.p50)}, p99 ${(0,format/* formatUs */.oC)(record.overheadUs.p99)}`
        });
        // Phase 2: restart both, so no pooled connection from phase 1 survives, then stress.
        currentPhase = 'restart';
        await finishSampling(services);
        await stopServices(services);
        services = undefined;
        services = await startServices(config, binaries, ports, config.stressMockerLatencyMs, 'stress');
        services.sampler.start('stress');
        for (let run = 1; run <= config.stressRuns; run++) {
            if (run > 1)
                await idle(config.stressIdleS, run, stopReason(services), emit);
            const stress = await runPhase({
                id: `stress-${run}`,
                label: `Stress #${run}`,
                target: 'gateway',
                durationS: config.stressDurationS,
                mockerLatencyMs: config.stressMockerLatencyMs,
                timeoutS: Math.max(30, config.stressMockerLatencyMs / 1000 + 5)
            }, services);
            checks.push((0,verdict/* successRateCheck */.aj)(`stress-${run}-success-rate`, `Stress #${run} success rate`, stress.statistics, config.minStressSuccessRatePct));
            const warning = (0,verdict/* rateShortfallWarning */.EK)(stress.label, stress.statistics, config.rate);
            if (warning)
                warnings.push(warning);
        }
        currentPhase = 'stopping services';
    }
    catch (error) {
        record.failure = {
            kind: error instanceof errors/* LoadTestError */.v ? error.kind : 'run',
            message: (0,errors/* errorMessage */.g)(error),
            phase: currentPhase,
            logFile: error instanceof errors/* LoadTestError */.v ? error.logFile : undefined,
            logTail: error instanceof errors/* LoadTestError */.v ? error.logTail : undefined
        };
    }
    finally {
        if (services)
            await finishSampling(services);
        stopWatchingStarts();
        await Promise.all(startedProcesses.map((process) => process.stop()));
        record.processes = startedProcesses.map((process) => ({
            name: process.name,
            pid: process.pid,
            logFile: process.logFile,
            ended: process.exitDescription()
        }));
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
    }
    record.verdict = (0,verdict/* decideVerdict */.AU)(checks, warnings);
    record.status = record.failure ? 'error' : record.verdict.passed ? 'passed' : 'failed';
    if (record.failure) {
        // A run that stopped early failed: its checks cannot all have been made.
        record.verdict = { ...record.verdict, passed: false };
    }
    record.finishedAt = new Date().toISOString();
    await writeReports(record);
    return record;
}
async function choosePorts(config) {
    if (config.mocker.port !== 0)
        await assertPortFree(config.mocker.port, 'mocker-port');
    if (config.gateway.port !== 0)
        await assertPortFree(config.gateway.port, 'gateway-port');
    const mocker = config.mocker.port || (await findFreePort());
    let gateway = config.gateway.port || (await findFreePort());
    while (gateway === mocker)
        gateway = await findFreePort();
    return { mocker, gateway };
}
/** One attack: targets, vegeta, then exact statistics from every result. */
async function measurePhase(config, vegetaPath, workDir, plan, target, stopReason, emit) {
    const targetsFile = external_node_path_default().join(workDir, `${plan.id}-targets.json`);
    const resultsFile = external_node_path_default().join(workDir, `${plan.id}.bin`);
    await writeTargetsFile(targetsFile, target);
    const workers = (0,resolve/* expectedInFlight */.i)(config.rate, plan.mockerLatencyMs);
    const totalS = plan.durationS + plan.mockerLatencyMs / 1000;
    emit({
        type: 'phase-start',
        phase: plan.id,
        label: plan.label,
        totalS,
        detail: `${config.rate} RPS for ${plan.durationS}s → ${target.url} (mocker latency ${plan.mockerLatencyMs} ms, ~${workers} in flight)`
    });
    const startedAt = new Date().toISOString();
    // A service that exits mid-attack, or an interruption, stops the attack at once.
    const abort = new AbortController();
    let stoppedBy;
    void stopReason.then((exit) => {
        stoppedBy = exit;
        abort.abort();
    });
    const outcome = await runAttack(vegetaPath, {
        name: plan.id,
        targetsFile,
        resultsFile,
        logFile: external_node_path_default().join(config.resultsDir, `vegeta-${plan.id}.log`),
        rate: config.rate,
        durationS: plan.durationS,
        timeoutS: plan.timeoutS,
        workers,
        maxWorkers: config.maxWorkers
    }, {
        abortSignal: abort.signal,
        onProgress: (elapsedS) => emit({ type: 'phase-progress', phase: plan.id, label: plan.label, elapsedS, totalS })
    });
    const statistics = await readVegetaResults(vegetaPath, resultsFile);
    const phase = {
        id: plan.id,
        label: outcome.aborted ? `${plan.label} (cut short)` : plan.label,
        target: plan.target,
        url: target.url,
        configuredRate: config.rate,
        durationS: plan.durationS,
        mockerLatencyMs: plan.mockerLatencyMs,
        workers,
        timeoutS: plan.timeoutS,
        startedAt,
        wallS: outcome.wallS,
        statistics
    };
    emit({
        type: 'phase-end',
        phase: plan.id,
        label: plan.label,
        summary: `${statistics.requests} requests, ${(0,format/* formatRate */.CE)(statistics.achievedRate)} RPS, success ${(0,format/* formatPct */.R8)(statistics.successRatio * 100)}, p50 ${(statistics.latencyNs.p50 / 1e6).toFixed(2)} ms, p99 ${(statistics.latencyNs.p99 / 1e6).toFixed(2)} ms`
    });
    return { phase, stoppedBy };
}
/** The seed's idle period between stress runs, watching that the gateway stays up. */
async function idle(idleS, nextRun, stopReason, emit) {
    const id = `idle-${nextRun - 1}`;
    const label = `Idle before stress #${nextRun}`;
    emit({ type: 'phase-start', phase: id, label, totalS: idleS, detail: `waiting ${idleS}s` });
    const startedMs = Date.now();
    let timer;
    let progress;
    try {
        progress = setInterval(() => emit({
            type: 'phase-progress',
            phase: id,
            label,
            elapsedS: (Date.now() - startedMs) / 1000,
            totalS: idleS
        }), 1000);
        const waited = new Promise((resolve) => {
            timer = setTimeout(resolve, idleS * 1000);
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

/***/ 846:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ phasesByRole)
/* harmony export */ });
/** The phases of a run by their role; a phase that did not run is absent. */
function phasesByRole(phases) {
    return {
        calibration: phases.find((phase) => phase.id === 'calibration'),
        overhead: phases.find((phase) => phase.id === 'overhead'),
        stress: phases.filter((phase) => phase.id.startsWith('stress-'))
    };
}


/***/ }),

/***/ 475:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ renderConsoleSummary),
/* harmony export */   p: () => (/* binding */ consoleProgress)
/* harmony export */ });
/* harmony import */ var _load_types_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(557);
/* harmony import */ var _record_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(846);
/* harmony import */ var _analysis_verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(319);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(11);
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
                    write(`  ${event.label}: ${event.elapsedS.toFixed(0)}s / ~${event.totalS.toFixed(0)}s`);
                }
                break;
            case 'phase-end':
                write(`✔ ${event.label}: ${event.summary}`);
                break;
        }
    };
}
/** The final summary: verdict, overhead per statistic against its limit, stress runs, files. */
function renderConsoleSummary(record) {
    const lines = ['', `Gateway load test: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .statusHeadline */ .ZB)(record)}`, ''];
    if (record.failure) {
        lines.push(`Stopped during ${record.failure.phase ?? 'the run'}: ${record.failure.message}`);
        if (record.failure.logTail && !record.failure.message.includes(record.failure.logTail)) {
            lines.push(`Last lines of ${record.failure.logFile ?? 'the log'}:`, record.failure.logTail);
        }
        lines.push('');
    }
    const { calibration, overhead, stress: stressPhases } = (0,_record_js__WEBPACK_IMPORTED_MODULE_3__/* .phasesByRole */ .c)(record.phases);
    if (calibration && overhead && record.overheadUs) {
        const checks = new Map(record.verdict.checks.map((check) => [check.id, check]));
        const rows = [['statistic', 'direct', 'via gateway', 'overhead', 'limit', '']];
        for (const key of _load_types_js__WEBPACK_IMPORTED_MODULE_4__/* .LATENCY_STAT_KEYS */ .J) {
            const check = checks.get(`overhead-${key}`);
            rows.push([
                key,
                (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatMsFromNs */ .Tn)(calibration.statistics.latencyNs[key]),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatMsFromNs */ .Tn)(overhead.statistics.latencyNs[key]),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatUs */ .oC)(record.overheadUs[key]),
                check ? (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatUs */ .oC)(check.limit) : '-',
                check ? (check.passed ? 'ok' : 'FAIL') : ''
            ]);
        }
        lines.push(...alignColumns(rows), '');
    }
    for (const phase of stressPhases) {
        const stats = phase.statistics;
        lines.push(`${phase.label}: ${stats.requests} requests at ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatRate */ .CE)(stats.achievedRate)} RPS, success ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPct */ .R8)(stats.successRatio * 100)}, p99 ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatMsFromNs */ .Tn)(stats.latencyNs.p99)}`);
    }
    if (stressPhases.length > 0)
        lines.push('');
    for (const check of record.verdict.failures)
        lines.push(`✗ ${(0,_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(check)}`);
    for (const warning of record.verdict.warnings)
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
/* harmony export */   H8: () => (/* binding */ STAT_COLUMNS),
/* harmony export */   M0: () => (/* binding */ bar),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   R8: () => (/* binding */ formatPct),
/* harmony export */   Tn: () => (/* binding */ formatMsFromNs),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   aL: () => (/* binding */ escapeTableCell),
/* harmony export */   oC: () => (/* binding */ formatUs)
/* harmony export */ });
/** Number formatting shared by the Markdown report, the job summary and the console. */
const formatUs = (us) => `${us.toFixed(1)} µs`;
const formatMsFromNs = (ns) => `${(ns / 1e6).toFixed(2)} ms`;
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

/***/ 285:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   ZB: () => (/* binding */ statusHeadline)
/* harmony export */ });
/* unused harmony export histogramBlock */
/* harmony import */ var _config_resolve_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(852);
/* harmony import */ var _record_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(846);
/* harmony import */ var _analysis_verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(319);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(11);




const THRESHOLD_KEYS = new Set(['mean', 'p50', 'p90', 'p95', 'p99']);
function statusHeadline(record) {
    if (record.status === 'passed')
        return '✅ PASSED';
    if (record.status === 'failed')
        return '❌ FAILED';
    return '⚠️ ERROR';
}
function phaseRow(phase, concurrent) {
    const stats = phase.statistics;
    return [
        phase.label,
        (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatRate */ .CE)(stats.achievedRate),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatSeconds */ .Xo)(phase.durationS),
        `~${concurrent}`,
        (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPct */ .R8)(stats.successRatio * 100),
        ..._format_js__WEBPACK_IMPORTED_MODULE_2__/* .STAT_COLUMNS */ .H8.map(({ key }) => (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMsFromNs */ .Tn)(stats.latencyNs[key]))
    ];
}
function overheadSection(record) {
    const { calibration, overhead } = (0,_record_js__WEBPACK_IMPORTED_MODULE_3__/* .phasesByRole */ .c)(record.phases);
    if (!calibration)
        return [];
    const config = record.config;
    const concurrent = (0,_config_resolve_js__WEBPACK_IMPORTED_MODULE_0__/* .expectedInFlight */ .i)(config.rate, config.overheadMockerLatencyMs);
    const lines = [
        '## Gateway processing overhead',
        '',
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatRate */ .CE)(config.rate)} RPS for ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatSeconds */ .Xo)(config.overheadDurationS)}, mock provider latency ${config.overheadMockerLatencyMs} ms. Overhead = through the gateway − direct to the mock provider, per statistic.`,
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownTable */ .Qj)([
            'Phase',
            'Actual RPS',
            'Duration',
            'Concurrent',
            'Success',
            ..._format_js__WEBPACK_IMPORTED_MODULE_2__/* .STAT_COLUMNS */ .H8.map((c) => c.title)
        ], [calibration, ...(overhead ? [overhead] : [])].map((phase) => phaseRow(phase, concurrent))),
        ''
    ];
    if (overhead && record.overheadUs) {
        const overheadUs = record.overheadUs;
        const checks = new Map(record.verdict.checks.map((check) => [check.id, check]));
        lines.push((0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownTable */ .Qj)(['Statistic', 'Direct', 'Through gateway', 'Overhead', 'Limit', ''], _format_js__WEBPACK_IMPORTED_MODULE_2__/* .STAT_COLUMNS */ .H8.map(({ key, title }) => {
            const check = THRESHOLD_KEYS.has(key) ? checks.get(`overhead-${key}`) : undefined;
            return [
                title,
                (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMsFromNs */ .Tn)(calibration.statistics.latencyNs[key]),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMsFromNs */ .Tn)(overhead.statistics.latencyNs[key]),
                (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(overheadUs[key]),
                check ? (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatUs */ .oC)(check.limit) : 'not checked',
                check ? (check.passed ? '✓' : '✗') : ''
            ];
        })), '');
    }
    return lines;
}
function stressSection(record) {
    const stressPhases = (0,_record_js__WEBPACK_IMPORTED_MODULE_3__/* .phasesByRole */ .c)(record.phases).stress;
    if (stressPhases.length === 0)
        return [];
    const config = record.config;
    const concurrent = (0,_config_resolve_js__WEBPACK_IMPORTED_MODULE_0__/* .expectedInFlight */ .i)(config.rate, config.stressMockerLatencyMs);
    return [
        '## Stress runs',
        '',
        `${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatRate */ .CE)(config.rate)} RPS for ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatSeconds */ .Xo)(config.stressDurationS)} per run, mock provider latency ${config.stressMockerLatencyMs} ms, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatSeconds */ .Xo)(config.stressIdleS)} idle between runs; each run needs a success rate of at least ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPct */ .R8)(config.minStressSuccessRatePct)}.`,
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownTable */ .Qj)([
            'Run',
            'Actual RPS',
            'Duration',
            'Concurrent',
            'Success',
            ..._format_js__WEBPACK_IMPORTED_MODULE_2__/* .STAT_COLUMNS */ .H8.map((c) => c.title)
        ], stressPhases.map((phase) => phaseRow(phase, concurrent))),
        ''
    ];
}
function processStatsSection(record) {
    const phases = Object.entries(record.processStats).filter(([, summary]) => summary.samples > 0);
    if (phases.length === 0)
        return [];
    return [
        '## Gateway process stats (whole process tree)',
        '',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownTable */ .Qj)(['Phase', 'CPU avg', 'CPU peak', 'RSS avg', 'RSS peak', 'Samples'], phases.map(([phase, summary]) => [
            phase,
            `${summary.cpuAvgPct.toFixed(1)}%`,
            `${summary.cpuPeakPct.toFixed(1)}%`,
            `${summary.rssAvgMb.toFixed(1)} MB`,
            `${summary.rssPeakMb.toFixed(1)} MB`,
            String(summary.samples)
        ])),
        ''
    ];
}
/** A text histogram; its rows come from the phase's measured buckets. */
function histogramBlock(stats) {
    const maxCount = Math.max(0, ...stats.histogram.map((bucket) => bucket.count));
    const rows = stats.histogram.map((bucket) => {
        const range = `${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMsFromNs */ .Tn)(bucket.lowerNs)} – ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMsFromNs */ .Tn)(bucket.upperNs)}`;
        return `${range.padEnd(25)} ${String(bucket.count).padStart(8)}  ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .bar */ .M0)(bucket.count, maxCount)}`;
    });
    return ['```text', ...rows, '```'].join('\n');
}
function histogramSection(record) {
    const phases = record.phases.filter((phase) => phase.statistics.histogram.length > 0);
    if (phases.length === 0)
        return [];
    return [
        '## Latency histograms',
        '',
        ...phases.flatMap((phase) => [`### ${phase.label}`, '', histogramBlock(phase.statistics), ''])
    ];
}
function errorsSection(record) {
    const rows = record.phases.flatMap((phase) => phase.statistics.topErrors.map((error) => [
        phase.label,
        String(error.count),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTableCell */ .aL)(error.error)
    ]));
    if (rows.length === 0)
        return [];
    return ['## Most frequent errors', '', (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .markdownTable */ .Qj)(['Phase', 'Count', 'Error'], rows), ''];
}
function verdictSection(record) {
    const lines = [];
    if (record.failure) {
        lines.push(`**The run stopped${record.failure.phase ? ` during ${record.failure.phase}` : ''}:** ${record.failure.message}`, '');
        if (record.failure.logTail) {
            lines.push(`Last lines of ${record.failure.logFile ?? 'the log'}:`, '', '```text', record.failure.logTail, '```', '');
        }
    }
    if (record.verdict.failures.length > 0) {
        lines.push('Failed checks:', '', ...record.verdict.failures.map((check) => `- ${(0,_analysis_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .describeFailure */ .Ic)(check)}`), '');
    }
    else if (record.status === 'passed') {
        lines.push(`All ${record.verdict.checks.length} checks passed.`, '');
    }
    if (record.verdict.warnings.length > 0) {
        lines.push(...record.verdict.warnings.map((warning) => `> ⚠️ ${warning}`), '');
    }
    return lines;
}
/** load-test-results.md: the seed's tables, per-phase histograms, and why it passed or failed. */
function renderMarkdown(record) {
    const config = record.config;
    const lines = [
        `# Gateway load test: ${statusHeadline(record)}`,
        '',
        `Single gateway instance at ${config.rate} RPS · ${record.finishedAt}`,
        '',
        ...verdictSection(record),
        ...overheadSection(record),
        ...stressSection(record),
        ...processStatsSection(record),
        ...errorsSection(record),
        ...histogramSection(record),
        '## Method',
        '',
        `- **Calibration**: vegeta → mock provider directly; **overhead**: vegeta → gateway → mock provider, same rate and duration. Overhead is the difference per statistic, so it includes the extra local network hop, JSON (de)serialisation and the gateway's own work.`,
        `- Mock provider and gateway are restarted before the stress runs, so pooled connections from the overhead phase cannot affect them.`,
        `- Latency statistics are exact, computed from every request's latency (nearest rank), not vegeta's estimates.`,
        `- Overhead limits: mean ≤ ${config.maxOverheadUs.mean} µs, p50 ≤ ${config.maxOverheadUs.p50} µs, p90 ≤ ${config.maxOverheadUs.p90} µs, p95 ≤ ${config.maxOverheadUs.p95} µs, p99 ≤ ${config.maxOverheadUs.p99} µs; min, p99.9 and max are reported, not checked.`,
        '',
        '---',
        '*Generated by bifrost-load-test*',
        ''
    ];
    return lines.join('\n');
}


/***/ }),

/***/ 208:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O1: () => (/* binding */ ProcessTreeSampler),
/* harmony export */   ie: () => (/* binding */ readProcStats),
/* harmony export */   qV: () => (/* binding */ parseProcStat)
/* harmony export */ });
/* unused harmony export treePids */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




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
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(this.csvPath), { recursive: true });
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

/***/ 390:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  qZ: () => (/* binding */ onProcessStarted),
  kp: () => (/* binding */ startProcess),
  bf: () => (/* binding */ stopAllProcesses)
});

// UNUSED EXPORTS: ManagedProcess, readProcessStartTime, runningProcesses, stopProcessGroup

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/services/proc-stats.ts
var proc_stats = __nccwpck_require__(208);
;// CONCATENATED MODULE: ./src/services/process.ts






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
    exit;
    stopping;
    /** Use startProcess(), which also registers the process for cleanup. */
    constructor(name, argv, logFile, child) {
        this.name = name;
        this.argv = argv;
        this.logFile = logFile;
        this.pid = child.pid;
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
        this.stopping ??= terminateGroup(this.pid, graceMs, () => this.running).finally(() => {
            startedProcesses.delete(this);
        });
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
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(logFile), { recursive: true });
    const logFd = (0,external_node_fs_.openSync)(logFile, 'a');
    let child;
    try {
        child = (0,external_node_child_process_.spawn)(program, args, { cwd, env, detached: true, stdio: ['ignore', logFd, logFd] });
        // Spawn failures arrive as an 'error' event on the next tick and are reported below; nothing
        // else this module does (it signals with process.kill) can emit one.
        child.on('error', () => { });
        if (child.pid === undefined) {
            const reason = spawnFailureReason(program, cwd, env);
            (0,external_node_fs_.writeSync)(logFd, `bifrost-load-test: could not start ${argv.join(' ')}: ${reason}\n`);
            const message = `could not start ${name} (${program}): ${reason}. Log: ${logFile}`;
            throw new errors/* LoadTestError */.v('setup', message, { logFile });
        }
    }
    finally {
        (0,external_node_fs_.closeSync)(logFd);
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
        return (0,proc_stats/* parseProcStat */.qV)((0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8')).startTimeTicks;
    }
    catch {
        return undefined;
    }
}
/**
 * Stops the process group led by a process started earlier (e.g. by a previous step), known only by
 * its saved identity. Signals nothing unless that very process still exists: a pid alone may have
 * been recycled by another program. Returns whether the group was ours to stop.
 */
async function stopProcessGroup(identity, graceMs = DEFAULT_GRACE_MS) {
    if (readProcessStartTime(identity.pid) !== identity.startTimeTicks)
        return false;
    await terminateGroup(identity.pid, graceMs, () => false);
    return true;
}
async function terminateGroup(pgid, graceMs, leaderRunning) {
    const isGone = async () => !leaderRunning() && !(await groupHasLiveMembers(pgid));
    if (await isGone())
        return;
    signalGroup(pgid, 'SIGTERM');
    if (await waitUntil(isGone, graceMs))
        return;
    signalGroup(pgid, 'SIGKILL');
    await waitUntil(isGone, KILL_WAIT_MS);
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
    const allStats = await (0,proc_stats/* readProcStats */.ie)();
    return allStats.some((stat) => stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X');
}
async function waitUntil(condition, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
        if (await condition())
            return true;
        if (performance.now() >= deadline)
            return false;
        await (0,promises_namespaceObject.setTimeout)(GROUP_POLL_INTERVAL_MS);
    }
}
function readLogTail(logFile, lineCount) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(logFile, 'r');
    }
    catch {
        return '';
    }
    try {
        const sizeBytes = (0,external_node_fs_.fstatSync)(fd).size;
        const startByte = Math.max(0, sizeBytes - LOG_TAIL_BYTES);
        const buffer = Buffer.alloc(sizeBytes - startByte);
        const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, 0, buffer.length, startByte);
        const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n');
        // Reading from the middle of the file cuts the first line.
        if (startByte > 0)
            lines.shift();
        if (lines.at(-1) === '')
            lines.pop();
        return lines.slice(Math.max(0, lines.length - lineCount)).join('\n');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** spawn() only says ENOENT or EACCES, and not about what: find out. */
function spawnFailureReason(program, cwd, env) {
    const workDir = (0,external_node_path_.resolve)(cwd ?? '.');
    if (!(0,external_node_fs_.existsSync)(workDir))
        return `its working directory ${workDir} does not exist`;
    const isPath = program.includes('/');
    const candidates = isPath
        ? [(0,external_node_path_.resolve)(workDir, program)]
        : ((env ?? process.env).PATH ?? '')
            .split(external_node_path_.delimiter)
            .filter((dir) => dir !== '')
            .map((dir) => (0,external_node_path_.resolve)(workDir, dir, program));
    const found = candidates.find((candidate) => (0,external_node_fs_.existsSync)(candidate));
    if (found === undefined) {
        return isPath ? `${program} does not exist` : `${program} was not found on PATH`;
    }
    try {
        (0,external_node_fs_.accessSync)(found, external_node_fs_.constants.X_OK);
    }
    catch {
        return `${found} is not executable`;
    }
    return `the system refused to run ${found}`;
}


/***/ }),

/***/ 421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

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

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

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
/******/ var __webpack_exports__EXIT_BAD_INPUT_OR_SETUP = __webpack_exports__.wd;
/******/ var __webpack_exports__EXIT_FAILED = __webpack_exports__.hj;
/******/ var __webpack_exports__EXIT_PASSED = __webpack_exports__.K5;
/******/ var __webpack_exports__exitStatus = __webpack_exports__.$u;
/******/ var __webpack_exports__helpText = __webpack_exports__.BK;
/******/ var __webpack_exports__main = __webpack_exports__.iW;
/******/ var __webpack_exports__parseArgs = __webpack_exports__.Zy;
/******/ export { __webpack_exports__EXIT_BAD_INPUT_OR_SETUP as EXIT_BAD_INPUT_OR_SETUP, __webpack_exports__EXIT_FAILED as EXIT_FAILED, __webpack_exports__EXIT_PASSED as EXIT_PASSED, __webpack_exports__exitStatus as exitStatus, __webpack_exports__helpText as helpText, __webpack_exports__main as main, __webpack_exports__parseArgs as parseArgs };
/******/ 
