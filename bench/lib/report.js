import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEEK_PAGE, SEEK_RECORDS } from './fixture.js';

/** Ratios of req/s; only SQLite has targets, PostgreSQL's are shown for information. */
const RATIOS = [
  ['Fastify route / bare', 'fastify', 'bare', null],
  ['reference / bare', 'reference', 'bare', null],
  ['SQLite token / reference', 'sqlite-token', 'reference', null],
  ['SQLite token / bare', 'sqlite-token', 'bare', 0.5],
  ['SQLite password / token', 'sqlite-password', 'sqlite-token', 0.9],
  ['PostgreSQL token / bare', 'postgres-token', 'bare', null],
  ['PostgreSQL password / token', 'postgres-password', 'postgres-token', null],
  ['SQLite session / token', 'sqlite-session', 'sqlite-token', null],
  ['PostgreSQL session / token', 'postgres-session', 'postgres-token', null],
  ['PostgreSQL token / SQLite', 'postgres-token', 'sqlite-token', null],
  ['PostgreSQL ×2 / ×1, token', 'postgres2-token', 'postgres-token', null],
  ['PostgreSQL ×2 / ×1, password', 'postgres2-password', 'postgres-password', null],
  ['PostgreSQL ×2 / ×1, session', 'postgres2-session', 'postgres-session', null],
];

/** Below this share of one core, a server was waiting for requests rather than working. */
const SATURATED_CPU = 0.8;

const COLUMNS = [
  ['case', 30],
  ['req/s', 9],
  ['p50 ms', 8],
  ['p99 ms', 8],
  ['mean ms', 9],
  ['srv CPU', 9],
  ['µs/req', 8],
  ['non-2xx', 9],
  ['errors', 8],
];

/** Prints as it goes and keeps every line, so the same text can be saved at the end. */
export class Report {
  #lines = [];
  #unsaturated = [];

  line(text = '') {
    this.#lines.push(text);
    process.stdout.write(`${text}\n`);
  }

  machine(options) {
    const cpus = os.cpus();
    const memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
    // Other work on the machine skews every figure; the load average at the start shows it.
    const [one, five] = os.loadavg().map((n) => n.toFixed(2));

    this.line(`kintone-local benchmark: GET ${options.path}`);
    this.line(`date      ${new Date().toISOString()}`);
    const model = cpus[0]?.model.trim() ?? 'unknown CPU';
    const system = `${os.platform()} ${os.release()}`;
    this.line(`machine   ${model}, ${cpus.length} cores, ${memory}, ${system}`);
    this.line(`node      ${process.version}`);
    this.line(`busy      load average ${one} (1 min), ${five} (5 min) before the run`);
    this.line(
      `load      autocannon in the parent, ${options.connections} connections, ` +
        `pipelining 1, ${options.warmupSeconds} s warm-up + ${options.seconds} s measured per case`,
    );
    this.line('servers   one child process per case (two for ×2), logging off, 127.0.0.1');
    this.line(
      `seek      GET /k/v1/records.json, query "$id > N order by $id asc limit ${SEEK_PAGE}", ` +
        `N random among ${SEEK_RECORDS.toLocaleString('en-US')} records loaded through the store`,
    );
    this.line();
  }

  tableHeader() {
    this.line(row(COLUMNS.map(([title]) => title)));
  }

  result(label, figures) {
    this.line(
      row([
        label,
        Math.round(figures.requestsPerSecond).toLocaleString('en-US'),
        String(figures.p50),
        String(figures.p99),
        figures.mean.toFixed(2),
        `${Math.round(figures.serverCpu * 100)} %`,
        figures.cpuMicrosPerRequest.toFixed(0),
        String(figures.non2xx),
        String(figures.errors),
      ]),
    );
    const others = Object.entries(figures.statusCodes).filter(([code]) => code !== '200');
    if (others.length > 0) {
      this.line(`  ! status codes: ${others.map(([code, n]) => `${code} x${n}`).join(', ')}`);
    }
    if (figures.serverCpu < SATURATED_CPU) this.#unsaturated.push(label);
  }

  /** Ratios against the targets; a miss is reported, never turned into an exit code. */
  summary(results) {
    this.line();
    this.line('srv CPU: server CPU time / wall time; µs/req: server CPU time per response');
    this.line('by CPU: a ratio computed from µs/req, which other load on the machine moves less');
    if (this.#unsaturated.length > 0) {
      this.line(
        `note: below ${SATURATED_CPU * 100} % CPU (${this.#unsaturated.join(', ')}) the ` +
          'server was waiting: on the load generator, the database or other processes.',
      );
    }
    this.line();
    this.line(`${'summary'.padEnd(30)}${'req/s'.padStart(8)}   ${'by CPU'.padStart(8)}`);
    for (const [label, numerator, denominator, min] of RATIOS) {
      const top = results.get(numerator);
      const bottom = results.get(denominator);
      if (!top || !bottom) continue;

      const ratio = top.requestsPerSecond / bottom.requestsPerSecond;
      // CPU time per response is inverse to the throughput one core could reach.
      const cpuRatio = bottom.cpuMicrosPerRequest / top.cpuMicrosPerRequest;
      const verdict =
        min === null ? '(no target)' : `target >= ${min * 100} %  ${verdictFor(ratio, min)}`;
      this.line(`  ${label.padEnd(28)}${percent(ratio)}   ${percent(cpuRatio)}   ${verdict}`);
    }

    const seeks = [...results.entries()].filter(([key]) => key.endsWith('-seek'));
    if (seeks.length > 0) this.line();
    for (const [key, figures] of seeks) {
      const records = Math.round(figures.requestsPerSecond * SEEK_PAGE).toLocaleString('en-US');
      const engine = key.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
      this.line(`  ${`${engine} seek`.padEnd(28)}${records} records/s in pages of ${SEEK_PAGE}`);
    }
  }

  save(file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${this.#lines.join('\n')}\n`);
  }
}

function percent(ratio) {
  return `${(ratio * 100).toFixed(1)} %`.padStart(8);
}

function verdictFor(ratio, min) {
  if (ratio >= min) return 'PASS';
  return `MISS by ${((min - ratio) * 100).toFixed(1)} points`;
}

function row(cells) {
  return cells
    .map((cell, i) => {
      const width = COLUMNS[i][1];
      return i === 0 ? cell.padEnd(width) : cell.padStart(width);
    })
    .join('');
}
