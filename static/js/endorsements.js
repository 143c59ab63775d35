// Endorsements («підписи підтримки») as every screen shows them: whether a session collects
// them, and a project's count against its pot's minimum.

import { t } from './i18n.js';

/** The session's endorsement stage, or null when it has none. */
export function endorsementStage(session) {
  return session?.stages?.find((s) => s.kind === 'endorsement') || null;
}

/** Whether endorsements mean anything for a project of this session. */
export function showsEndorsements(session, p) {
  return Boolean(endorsementStage(session)) || p.endorsements > 0;
}

/** «12 підписів» or «12 з 50 потрібних підписів». */
export function endorsementsText(p) {
  return p.min_endorsements > 0
    ? t('endorse-count-of', { count: p.endorsements, min: p.min_endorsements })
    : t('endorse-count', { count: p.endorsements });
}

/** Whether the project has fewer endorsements than its pot requires. */
export function belowMinimum(p) {
  return p.min_endorsements > 0 && p.endorsements < p.min_endorsements;
}
