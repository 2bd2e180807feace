import { DEMO_AGENCY_DATA } from '#demo';
import type { DemoSeedResult } from './demo-seed.js';
import { DEMO_USERS } from '#demo';

const int = (n: number) => n.toLocaleString('en-US');

/** One line: what the seed wrote and how long it took. */
export function seedSummary(result: DemoSeedResult): string {
  const c = result.counts;
  const statuses = Object.entries(result.caseStatuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const kinds = Object.entries(result.caseKinds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return (
    `Demo data: ${int(c.employees)} employees in ${c.agencies} agencies, ${int(c.appraisals)} appraisals, ${int(c.trainings)} trainings, ` +
    `${c.sanctions} sanctions, ${c.records} education/PAK/service-exam records, ${c.delegations} delegations, ` +
    `${c.cases} promotion cases (${statuses}; ${kinds}) with ${int(c.documents)} documents, ${c.perteks} perteks, ${c.decrees} decrees, ` +
    `${c.refusedDecrees} decrees refused for an active sanction, ${c.conflicts} conflicts of interest, ${c.slaBreaches} SLA breaches; ` +
    `${int(c.commands)} commands, ${int(c.events)} events in the store, ${(result.durationMs / 1000).toFixed(1)} s` +
    (result.failures.length > 0 ? `; ${result.failures.length} commands failed` : '')
  );
}

/** The demo users and how to sign in as them: the console, or a token for curl. */
export function demoUsersText(consoleUrl: string): string {
  const lines = [`Demo users: sign in on the web console at ${consoleUrl} (pick a user), or mint a token:`];
  for (const agency of DEMO_AGENCY_DATA) {
    lines.push(`  ${agency.name} (${agency.id})`);
    lines.push(
      `    PPK: ${agency.signatory.title} ${agency.signatory.name} (signs the decrees up to IV/b; no NIP, the ppk user is his authorised officer)`,
    );
    for (const user of DEMO_USERS.filter((u) => u.agency === agency.id)) {
      lines.push(`    ${user.name.padEnd(24)} ${user.nip}  ${user.roles.join(',').padEnd(10)} ${user.label}`);
    }
  }
  lines.push('  Tokens (8 h):');
  for (const user of DEMO_USERS) {
    lines.push(`    npm run token -- --sub ${user.nip} --agency ${user.agency} --roles ${user.roles.join(',')}`);
  }
  return lines.join('\n');
}
