import type { FastifyReply } from 'fastify';
import { esc } from '../html.js';
import { sendRefusal, sendSettingsPage, type PageScope } from '../settings-page.js';
import type { SettingsTexts } from '../settings-texts.js';
import { AUDIT_PATH } from './audit-query.js';
import { ADMIN_OAUTH_PATH } from './oauth-clients-views.js';

/** One entry of the administration menu. */
interface AdminSection {
  id: string;
  href: string;
  label: (texts: SettingsTexts) => string;
}

/**
 * The administration menu, in groups. Directory pages manage who exists and belongs where;
 * integrations hold what other applications use; logs are what administrators read rather
 * than change. A group without entries is not shown.
 */
const ADMIN_MENU: ReadonlyArray<{
  heading: (t: SettingsTexts) => string;
  sections: AdminSection[];
}> = [
  {
    heading: (t) => t.directory,
    sections: [
      { id: 'users', href: '/k/admin/users', label: (t) => t.users },
      { id: 'groups', href: '/k/admin/groups', label: (t) => t.groups },
      { id: 'spaces', href: '/k/admin/spaces', label: (t) => t.spaces },
    ],
  },
  {
    heading: (t) => t.integrations,
    sections: [{ id: 'oauth', href: ADMIN_OAUTH_PATH, label: (t) => t.oauthClients }],
  },
  {
    heading: (t) => t.logs,
    sections: [{ id: 'audit', href: AUDIT_PATH, label: (t) => t.auditLog }],
  },
];

/** True for administrators (the built-in Administrators group); others get the refusal page. */
export function refuseNonAdmin(reply: FastifyReply, scope: PageScope): boolean {
  if (scope.session.user.isAdmin) return false;
  sendRefusal(reply, scope);
  return true;
}

/** An administration page: the menu beside the content. */
export function sendAdminPage(
  reply: FastifyReply,
  scope: PageScope,
  page: { title: string; section: string; body: string; status?: number },
): FastifyReply {
  const { texts } = scope;
  const menu = ADMIN_MENU.filter((group) => group.sections.length > 0)
    .map(
      (group) => `<h2 class="kl-menu-heading">${esc(group.heading(texts))}</h2>
<ul>${group.sections
        .map((s) => {
          const current = s.id === page.section ? ' aria-current="page"' : '';
          return `<li><a href="${esc(s.href)}"${current}>${esc(s.label(texts))}</a></li>`;
        })
        .join('')}</ul>`,
    )
    .join('\n');
  const body = `<div class="kl-settings">
<nav class="kl-settings-menu" aria-label="${esc(texts.administration)}">
${menu}
</nav>
<div class="kl-settings-content">
${page.body}
</div>
</div>`;
  return sendSettingsPage(reply, scope, {
    title: page.title,
    crumbs: [{ label: texts.administration, href: '/k/admin/' }, { label: page.title }],
    body,
    ...(page.status ? { status: page.status } : {}),
  });
}
