import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Targets for kintone-local on SQLite; PostgreSQL ratios are shown for information only. */
const TARGETS = [
  { label: 'SQLite token / bare', numerator: 'sqlite-token', denominator: 'bare', min: 0.5 },
  { label: 'SQLite password / token', numerator: 'sqlite-password', denominator: 'sqlite-token', min: 0.9 },
  { label: 'PostgreSQL token / bare', numerator: 'postgres-token', denominator: 'bare', min: null },
  {
    label: 'PostgreSQL password / token',
    numerator: 'postgres-password',
    denominator: 'postgres-token',
    min: null,
  },
];

/** Prints as it goes and keeps every line, so the same text can be saved at the end. */
export class Report {
  #lines = [];

  line(text = '') {
    this.#lines.push(text);
    process.stdout.write(`${text}\n`);
  }

  machine(options) {
    const cpus = os.cpus();
    this.line(`kintone-local benchmark: GET ${options.path}`);
    this.line(`date      ${new Date().toISOString()}`);
    this.line(`machine   ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`);
    this.line(`node      ${process.version}`);
    this.line(`load      autocannon, ${options.connections} connections, pipelining 1, ` +
      `${options.warmupSeconds} s warm-up + ${options.seconds} s measured per case`);
    this.line();
  }

  tableHeader() {
    this.line(row(['case', 'req/s', 'p50 ms', 'p99 ms', 'mean ms', 'non-2xx', 'errors']));
  }

  result(label, figures) {
    this.line(row([
      label,
      Math.round(figures.requestsPerSecond).toLocaleString('en-US'),
      String(figures.p50),
      String(figures.p99),
      figures.mean.toFixed(2),
      String(figures.non2xx),
      String(figures.errors),
    ]));
    const others = Object.entries(figures.statusCodes).filter(([code]) => code !== '200');
    if (others.length > 0) {
      this.line(`  ! status codes: ${others.map(([code, n]) => `${code} x${n}`).join(', ')}`);
    }
  }

  /** Ratios of throughput against the targets; a miss is reported, never an exit code. */
  summary(results) {
    this.line();
    this.line('summary (ratios of req/s)');
    for (const target of TARGETS) {
      const top = results.get(target.numerator);
      const bottom = results.get(target.denominator);
      if (!top || !bottom) continue;

      const ratio = top.requestsPerSecond / bottom.requestsPerSecond;
      const percent = `${(ratio * 100).toFixed(1)} %`.padStart(8);
      const verdict = target.min === null
        ? '(no target)'
        : `target >= ${target.min * 100} %  ${verdict_(ratio, target.min)}`;
      this.line(`  ${target.label.padEnd(30)}${percent}   ${verdict}`);
    }
  }

  save(file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${this.#lines.join('\n')}\n`);
  }
}

function verdict_(ratio, min) {
  if (ratio >= min) return 'PASS';
  return `MISS by ${((min - ratio) * 100).toFixed(1)} points`;
}

const WIDTHS = [28, 10, 8, 8, 9, 9, 8];

function row(cells) {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(WIDTHS[i]) : cell.padStart(WIDTHS[i])))
    .join('');
}
