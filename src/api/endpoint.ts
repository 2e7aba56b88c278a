import type { Principal } from '../auth/principal.js';
import type { Config } from '../config/config.js';
import type { Language } from '../errors/kintone-error.js';
import type { ApiParams } from '../http/params.js';
import type { OAuthScope } from '../oauth/scopes.js';
import type { Store } from '../store/store.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the server gives every handler. */
export interface Services {
  store: Store;
  config: Config;
  now: () => Date;
}

/** One authenticated API call, as a handler sees it. */
export interface ApiCall {
  params: ApiParams;
  principal: Principal;
  /** The guest space named in the path (`/k/guest/{id}/v1/...`), or null for `/k/v1/...`. */
  guestSpaceId: number | null;
  language: Language;
  services: Services;
  /** The `file` part of a multipart body; only `POST file.json` accepts one. */
  upload?: Upload;
}

/** A file as a multipart body carried it. */
export interface Upload {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** A handler's answer that is raw bytes rather than JSON, such as a downloaded file. */
export class FileDownload {
  constructor(
    readonly name: string,
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}
}

/**
 * The OAuth scope an API needs, as Kintone's scope list assigns it. `null` marks the APIs no
 * scope opens (spaces, plugins, statistics, search); `sub-requests` marks the bulk request,
 * whose every sub-request needs its own API's scope.
 */
export type EndpointScope = OAuthScope | null | 'sub-requests';

/**
 * One method of one Kintone API. `acceptsApiToken` is false for the APIs Kintone does not
 * open to tokens (the app list, app creation, spaces): a token caller gets GAIA_NO01 there.
 * `scope` is what an OAuth access token must carry to call it.
 */
export interface Endpoint {
  path: string;
  method: HttpMethod;
  acceptsApiToken: boolean;
  scope: EndpointScope;
  handle(call: ApiCall): Promise<unknown>;
}
