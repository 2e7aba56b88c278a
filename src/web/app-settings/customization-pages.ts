import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isDeepStrictEqual } from 'node:util';
import { customize } from '../../api/settings/customize.js';
import { liveSettings, previewSettings } from '../../api/settings/setting-kind.js';
import { KintoneError } from '../../errors/kintone-error.js';
import { readMultipart, type MultipartBody } from '../../http/multipart-body.js';
import { isSameOrigin, REQUEST_TOKEN_PARAM } from '../../http/request-token.js';
import type { SettingsBody } from '../../store/app-settings.js';
import {
  checkFormPost,
  checkPostedToken,
  formField,
  readPositiveId,
  seeOther,
  type FormRequest,
} from '../forms.js';
import { seeOtherWithNotice, type Notice } from '../notices.js';
import type { SettingsDeps } from '../settings-page.js';
import {
  appSettingsPath,
  openAppSettings,
  sendAppSettingsPage,
  type AppSettingsScope,
} from './app-settings-scope.js';
import {
  refusalText,
  saveCustomization,
  type CustomizeKind,
  type ListChange,
} from './customization-changes.js';
import { customizationBody } from './customization-views.js';

/**
 * App settings → JavaScript and CSS customization, for the desktop lists: add a file or an
 * https URL, remove or move an entry. Each change is saved in preview through the setting API's
 * own code and used once "Update App" deploys it. Mobile lists and the scope setting are left
 * to `PUT preview/app/customize.json`.
 */
export function mountCustomizationPages(app: FastifyInstance, deps: SettingsDeps): void {
  app.get('/k/admin/app/customize', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    return sendCustomizationPage(reply, scope, deps, {
      notice: deps.notices.take(scope.session.id, request.url),
    });
  });

  app.post('/k/admin/app/customize/change', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    checkFormPost(request, scope.session, deps.sessions);

    const position = readPosition(formField(request, 'position'));
    const action = formField(request, 'action');
    if (position === undefined || !['up', 'down', 'remove'].includes(action)) {
      throw new KintoneError('CB_VA01');
    }
    const change: ListChange =
      action === 'remove' ? { remove: position } : { move: position, by: action === 'up' ? -1 : 1 };
    const kind = formField(request, 'kind');
    return save(reply, scope, deps, kind, formField(request, 'revision'), change);
  });

  // Only the upload takes multipart bodies, in a scope of its own as the API's file routes do.
  // The multipart plugin traces its parser options, request headers included: never below debug.
  const logLevel = deps.config.logLevel === 'trace' ? 'debug' : deps.config.logLevel;
  void app.register(async (uploads) => {
    await uploads.register(fastifyMultipart);
    uploads.post(
      '/k/admin/app/customize/add',
      { logLevel },
      async (request: FormRequest, reply) => {
        const scope = await openAppSettings(request, reply, deps);
        if (!scope) return reply;
        return addEntries(request, reply, scope, deps);
      },
    );
  });
}

/** Adds the uploaded file and the URL of a multipart form to the end of its list. */
async function addEntries(
  request: FormRequest,
  reply: FastifyReply,
  scope: AppSettingsScope,
  deps: SettingsDeps,
): Promise<FastifyReply> {
  // A form of another site is refused before its body is read: a page there could otherwise
  // make a manager's browser send a body of any size.
  if (!isSameOrigin(request)) throw new KintoneError('CB_IL02');

  // Read only once the user is known to manage the app; the request token is among the fields.
  let body: MultipartBody;
  try {
    body = await readMultipart(request, deps.config.maxFileBytes);
  } catch (error) {
    if (!(error instanceof KintoneError) || error.code !== 'KL_FI01') throw error;
    // The body was not read to its end, so neither was the token; as nothing is stored, the
    // page may still say why.
    return sendRefusalPage(reply, scope, deps, error);
  }
  const field = (name: string) => String(body.fields[name] ?? '');
  checkPostedToken(request, field(REQUEST_TOKEN_PARAM), scope.session, deps.sessions);

  // A file input left empty still sends a part, without a file name.
  const upload = body.upload?.name ? body.upload : undefined;
  const url = field('url').trim();
  if (!upload && !url) return seeOther(reply, pagePath(scope));
  return save(reply, scope, deps, field('kind'), field('revision'), { add: { url, upload } });
}

async function save(
  reply: FastifyReply,
  scope: AppSettingsScope,
  deps: SettingsDeps,
  kind: string,
  revision: string,
  change: ListChange,
): Promise<FastifyReply> {
  const expected = readPositiveId(revision);
  if ((kind !== 'js' && kind !== 'css') || expected === undefined) {
    throw new KintoneError('CB_VA01');
  }
  try {
    await saveCustomization(scope, deps, kind as CustomizeKind, expected, change);
  } catch (error) {
    if (!(error instanceof KintoneError)) throw error;
    return sendRefusalPage(reply, scope, deps, error);
  }
  return seeOtherWithNotice(reply, deps.notices, scope.session.id, pagePath(scope), {
    message: scope.texts.customizationSaved,
  });
}

/** The page again, saying why the change was refused, with the status the API would answer. */
function sendRefusalPage(
  reply: FastifyReply,
  scope: AppSettingsScope,
  deps: SettingsDeps,
  error: KintoneError,
): Promise<FastifyReply> {
  return sendCustomizationPage(reply, scope, deps, {
    error: refusalText(error, scope.language),
    status: error.status,
  });
}

async function sendCustomizationPage(
  reply: FastifyReply,
  scope: AppSettingsScope,
  deps: SettingsDeps,
  state: { notice?: Notice | undefined; error?: string; status?: number },
): Promise<FastifyReply> {
  const app = scope.reachable.app;
  const preview = await previewSettings(customize, app, deps.store);
  const live = await liveSettings(customize, app, deps.store);
  return sendAppSettingsPage(reply, scope, {
    page: 'customize',
    title: scope.texts.customization,
    status: state.status ?? 200,
    body: customizationBody(scope, {
      settings: shown(preview),
      pending: !isDeepStrictEqual(shown(preview), shown(live)),
      revision: await deps.store.appSettings.previewRevision(app.id),
      state,
    }),
  });
}

/** The settings as the API answers them: files by name and key, without their text. */
function shown(body: SettingsBody): SettingsBody {
  return customize.present?.(body) ?? body;
}

/** A position in a list, counted from 0. */
function readPosition(raw: string): number | undefined {
  return /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
}

function pagePath(scope: AppSettingsScope): string {
  return appSettingsPath('customize', scope.reachable.app.id);
}
