import {
  createHmac,
  generateKeyPairSync,
  KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';

/** How Backstage types its tokens (`@backstage/plugin-auth-node`'s `tokenTypes`). */
const USER_TYP = 'vnd.backstage.user';
const LIMITED_USER_TYP = 'vnd.backstage.limited-user';
const PLUGIN_TYP = 'vnd.backstage.plugin';
const USER_AUDIENCE = 'backstage';

const encode = (value: object | Buffer) =>
  (Buffer.isBuffer(value)
    ? value
    : Buffer.from(JSON.stringify(value))
  ).toString('base64url');

/** Decodes a JWT's payload, to tamper with it. */
export function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/** An ES256 key, with the key id tokens name it by. */
class SigningKey {
  readonly privateKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;

  constructor(readonly kid: string = randomUUID()) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicJwk = { ...pair.publicKey.export({ format: 'jwk' }) };
  }

  /** A compact JWS of the header and payload, signed with this key. */
  sign(header: object, payload: object): string {
    const input = `${encode({
      ...header,
      alg: 'ES256',
      kid: this.kid,
    })}.${encode(payload)}`;
    // JWS wants the raw r‖s signature, not DER.
    const signature = sign('sha256', Buffer.from(input), {
      key: this.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${encode(signature)}`;
  }
}

/** When a token was issued and when it expires, in seconds since the epoch. */
export interface TokenTimes {
  iat: number;
  exp: number;
}

function validFor(seconds: number): TokenTimes {
  const iat = Math.floor(Date.now() / 1000);
  return { iat, exp: iat + seconds };
}

/**
 * Plays the auth backend in tests of real token verification: it signs Backstage user tokens
 * as `@backstage/plugin-auth-backend` does (ES256, `typ` `vnd.backstage.user`, audience
 * `backstage`, a user identity proof for limited tokens) and publishes its public key as the
 * JWKS the backend's auth service fetches from the `auth` plugin. It also makes the forged
 * tokens the backend must refuse.
 */
export class TestTokenIssuer {
  private readonly key = new SigningKey();

  /** What `/api/auth/.well-known/jwks.json` answers. */
  get jwks() {
    return {
      keys: [
        { ...this.key.publicJwk, kid: this.key.kid, alg: 'ES256', use: 'sig' },
      ],
    };
  }

  /** A user token as the auth backend issues it, valid for an hour unless told otherwise. */
  userToken(userRef: string, times: TokenTimes = validFor(3600)): string {
    return this.signUserToken(this.key, userRef, times);
  }

  /** A user token that expired a minute ago, signed with the real key. */
  expiredUserToken(userRef: string): string {
    const exp = Math.floor(Date.now() / 1000) - 60;
    return this.userToken(userRef, { iat: exp - 3600, exp });
  }

  /** A user token claiming `userRef`, with no signature at all (`alg: none`). */
  unsignedUserToken(userRef: string): string {
    const header = { typ: USER_TYP, alg: 'none', kid: this.key.kid };
    return `${encode(header)}.${encode(
      this.userClaims(userRef, validFor(3600), ''),
    )}.`;
  }

  /**
   * A user token claiming `userRef`, well formed and signed, but with a key the backend does
   * not know; with the real key's id unless `kid` says otherwise.
   */
  userTokenSignedWithUnknownKey(userRef: string, kid = this.key.kid): string {
    return this.signUserToken(new SigningKey(kid), userRef, validFor(3600));
  }

  /**
   * A user token claiming `userRef`, signed with HMAC-SHA256 using the real public key as the
   * secret: the algorithm confusion a careless verifier falls for.
   */
  userTokenWithConfusedAlgorithm(userRef: string): string {
    const header = { typ: USER_TYP, alg: 'HS256', kid: this.key.kid };
    const input = `${encode(header)}.${encode(
      this.userClaims(userRef, validFor(3600), ''),
    )}`;
    const secret = JSON.stringify(this.jwks.keys[0]);
    return `${input}.${encode(
      createHmac('sha256', secret).update(input).digest(),
    )}`;
  }

  /** `token` with its payload's subject changed to `userRef`, its signature kept. */
  tampered(token: string, userRef: string): string {
    const [header, , signature] = token.split('.');
    const payload = { ...payloadOf(token), sub: userRef, ent: [userRef] };
    return `${header}.${encode(payload)}.${signature}`;
  }

  /**
   * A plugin-to-plugin token claiming to come from `pluginId` on behalf of `userRef`, signed
   * with a key that plugin never published.
   */
  pluginTokenSignedWithUnknownKey(
    pluginId: string,
    audience: string,
    userRef: string,
  ): string {
    const times = validFor(3600);
    return new SigningKey().sign(
      { typ: PLUGIN_TYP },
      {
        sub: pluginId,
        aud: audience,
        ...times,
        obo: this.signUserToken(new SigningKey(), userRef, times),
      },
    );
  }

  private signUserToken(
    key: SigningKey,
    userRef: string,
    times: TokenTimes,
  ): string {
    // The proof is the signature of the limited token (subject and times only) made with
    // the same key, which lets a plugin pass on a limited token the auth service can verify.
    const limited = key.sign(
      { typ: LIMITED_USER_TYP },
      { sub: userRef, iat: times.iat, exp: times.exp },
    );
    const uip = limited.split('.')[2];
    return key.sign({ typ: USER_TYP }, this.userClaims(userRef, times, uip));
  }

  private userClaims(userRef: string, times: TokenTimes, uip: string) {
    return {
      iss: 'http://localhost/api/auth',
      sub: userRef,
      ent: [userRef],
      aud: USER_AUDIENCE,
      ...times,
      uip,
    };
  }
}
