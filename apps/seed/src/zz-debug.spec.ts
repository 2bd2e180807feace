import { test } from '@jest/globals';
import { planDemoData } from './demo-plan.js';

test('debug', () => {
  const plan = planDemoData({ now: new Date('2026-12-01T16:46:57Z'), employees: 2000 });
  for (const name of [
    'returned-by-bkn-resubmitted',
    'decreed-keppres',
    'acting-verifier',
    'conflict-of-interest',
    'decree-refused-sanction',
  ]) {
    const c = plan.cases.find((x) => x.scenario === name)!;
    console.log(
      name,
      c.proposal.kind,
      c.fromGrade,
      '→',
      c.proposal.toGrade,
      c.proposal.effectiveDate,
      '\n' +
        c.steps
          .map(
            (s) =>
              `  ${s.at} ${s.action} ${s.actor.nip}${s.onBehalfOf ? ' for ' + s.onBehalfOf : ''} ${s.decision ?? ''} ${s.document ? s.document.type + ' ' + s.document.name : ''} ${s.verdicts ? JSON.stringify(s.verdicts.map((v) => v.verdict)) : ''} ${s.pertek ? s.pertek.number + ' ' + s.pertek.date : ''} ${s.decree ? s.decree.number + ' ' + s.decree.date : ''} ${s.reason ?? ''}`,
          )
          .join('\n'),
    );
  }
});
