import { describe, expect, test } from '@jest/globals';
import { isValidNip } from '#domain';
import { planDemoData } from './demo-plan.js';
import { DEMO_USERS } from '#demo';

const NOW = new Date('2026-11-23T18:00:00.000Z');
const plan = planDemoData({ now: NOW, employees: 2000 });

describe('the demo data plan', () => {
  test('is the same plan for the same seed and present', () => {
    const again = planDemoData({ now: NOW, employees: 2000 });
    expect(again.employees.map((e) => e.body.nip)).toEqual(plan.employees.map((e) => e.body.nip));
    expect(again.cases.map((c) => c.steps.map((s) => s.at))).toEqual(plan.cases.map((c) => c.steps.map((s) => s.at)));
  });

  test('about 2,000 employees with valid, unique NIPs, the demo users among them', () => {
    expect(plan.employees).toHaveLength(2000);
    const nips = plan.employees.map((e) => e.body.nip);
    expect(nips.filter((n) => !isValidNip(n))).toEqual([]);
    expect(new Set(nips).size).toBe(nips.length);
    for (const user of DEMO_USERS) expect(nips).toContain(user.nip);
    for (const e of plan.employees) expect(e.body.gradeSince <= e.at.slice(0, 10)).toBe(true);
  });

  test('everything happens in the past, after the employee was registered, in order within a case', () => {
    const registered = new Map(plan.employees.map((e) => [e.body.nip, e.at]));
    for (const fact of plan.facts) {
      expect({ fact: fact.kind, ok: fact.at < NOW.toISOString() && fact.at > (registered.get(fact.body.nip) as string) }).toEqual({
        fact: fact.kind,
        ok: true,
      });
    }
    for (const c of plan.cases) {
      const times = c.steps.map((s) => s.at);
      expect(times).toEqual([...times].sort());
      expect(times.every((at) => at < NOW.toISOString())).toBe(true);
      expect(c.steps[0].action).toBe('propose');
      expect(c.steps[0].at > (registered.get(c.proposal.nip) as string)).toBe(true);
    }
    const candidates = plan.cases.map((c) => c.proposal.nip);
    expect(new Set(candidates).size).toBe(candidates.length);
  });

  test('a few hundred cases in every scenario, some late, ineligible ones only as justified exceptions', () => {
    expect(plan.cases.length).toBeGreaterThan(250);
    const scenarios = new Set(plan.cases.map((c) => c.scenario));
    for (const s of [
      'open-verification-late',
      'open-committee-late',
      'open-approval-late',
      'approved',
      'rejected-at-committee',
      'withdrawn',
      'returned-waiting',
    ]) {
      expect(scenarios).toContain(s);
    }
    expect(plan.cases.filter((c) => c.steps.some((s) => s.action === 'breach')).length).toBeGreaterThan(50);
    expect(plan.cases.filter((c) => !c.expectEligible).every((c) => typeof c.proposal.exceptionJustification === 'string')).toBe(true);
    expect(plan.cases.filter((c) => c.proposal.exceptionJustification).length).toBeGreaterThan(10);
  });

  test('appraisals follow a realistic spread (mostly BAIK, a few KURANG); training is concentrated on a minority', () => {
    const appraisals = plan.facts.filter((f) => f.kind === 'appraisal');
    const kurang = appraisals.filter((f) => f.kind === 'appraisal' && f.body.behaviour === 'BELOW' && f.body.results !== 'BELOW').length;
    expect(kurang / appraisals.length).toBeGreaterThan(0.01);
    expect(kurang / appraisals.length).toBeLessThan(0.08);

    const hours = new Map(plan.employees.map((e) => [e.body.nip, 0]));
    for (const f of plan.facts)
      if (f.kind === 'training' && f.body.completedOn.startsWith('2025'))
        hours.set(f.body.nip, (hours.get(f.body.nip) ?? 0) + f.body.hours);
    const values = [...hours.values()].sort((a, b) => a - b);
    const total = values.reduce((a, b) => a + b, 0);
    const gini = (2 * values.reduce((a, v, i) => a + (i + 1) * v, 0)) / (values.length * total) - (values.length + 1) / values.length;
    expect(values.filter((v) => v === 0).length / values.length).toBeGreaterThan(0.5);
    expect(values.filter((v) => v >= 20).length / values.length).toBeGreaterThan(0.1);
    expect(gini).toBeGreaterThan(0.6);
  });
});
