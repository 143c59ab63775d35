// The commission's (ГБК) approval of a session's computed winners list: where the city has an
// elected commission, the members' recorded votes, the decision, and for a member the form to
// approve or refuse (with a reason) until the results are published.

import { api } from '../api.js';
import { t, number, dateTime } from '../i18n.js';
import { h, field, form, announce } from '../dom.js';

/**
 * The approval section for results `r` (null without a commission). `onVoted(r)` gets the
 * results after a member's vote.
 */
export function approvalSection(ctx, session, r, onVoted) {
  const a = r.approval;
  if (!a) return null;
  const tz = ctx.city.time_zone;
  const approvals = a.votes.filter((v) => v.approve).length;
  const votes = a.votes.length
    ? h('ul', { class: 'approval-votes' }, a.votes.map((v) => h('li', {},
      h('strong', {}, v.member), ' — ', t(v.approve ? 'approval-vote-approve' : 'approval-vote-refuse'),
      v.comment ? [': ', h('q', {}, v.comment)] : null,
      ' ', h('span', { class: 'muted' }, dateTime(v.at, tz)))))
    : h('p', { class: 'empty' }, t('approval-no-votes'));
  const parts = [
    h('h2', { id: 'approval-title' }, t('approval-title')),
    h('p', {}, t('approval-lead', { members: number(a.members) })),
    h('p', { class: a.decision === 'approved' ? 'success' : (a.decision === 'refused' ? 'warning' : 'notice') },
      h('strong', {}, t(`approval-decision-${a.decision}`)), ' ',
      t('approval-count', { approvals: number(approvals), votes: number(a.votes.length), members: number(a.members) })),
    votes,
  ];
  if (a.member && !r.published_at) {
    const f = form({
      submitLabel: t('approval-submit'),
      children: [
        field({ label: t('approval-choice'), name: 'choice', type: 'select', value: 'approve',
          options: [['approve', t('approval-vote-approve')], ['refuse', t('approval-vote-refuse')]] }),
        field({ label: t('approval-comment'), name: 'comment', type: 'textarea', hint: t('approval-comment-hint') }),
      ],
      onSubmit: async (v) => {
        const out = await api.post(ctx.cityApi(`/sessions/${session.id}/results/approval`),
          { approve: v.choice === 'approve', comment: v.comment || null });
        announce(t('approval-recorded'));
        onVoted(out);
      },
    });
    parts.push(h('h3', {}, t('approval-your-vote')), f);
  }
  return h('section', { class: 'card approval', 'aria-labelledby': 'approval-title' }, parts);
}
