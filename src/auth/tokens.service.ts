import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationsService } from '../organisations/organisations.service';
import { Actor } from './actor';
import { ApiToken } from './entities/api-token.entity';
import { Person, PersonRole } from './entities/person.entity';
import { generateToken, hashToken, looksLikeToken } from './token.util';

export interface CreateTokenInput {
  role: PersonRole;
  organisationName?: string;
  organisationId?: string;
  name?: string;
  email?: string;
  timeZone?: string;
  language?: string;
  label?: string;
}

/** How long a verified token is trusted without asking Postgres again; a revocation reaches other processes within this. */
export const TOKEN_CACHE_TTL_MS = 10_000;
const TOKEN_CACHE_MAX = 10_000;

@Injectable()
export class TokensService {
  private readonly cache = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Creates a person and a token for them; the token is returned once and only its hash kept. */
  async create(input: CreateTokenInput): Promise<{ token: string; person: Person }> {
    return this.dataSource.transaction(async (em) => {
      let organisationId = input.organisationId ?? null;
      if (!organisationId && input.organisationName) organisationId = (await this.organisations.findOrCreate(input.organisationName, em)).id;
      const person = await em.getRepository(Person).save(
        em.getRepository(Person).create({
          name: input.name ?? `${input.role}${input.organisationName ? ` of ${input.organisationName}` : ''}`,
          email: input.email ?? null,
          role: input.role,
          organisationId,
          timeZone: input.timeZone ?? 'UTC',
          language: input.language ?? 'en',
        }),
      );
      const token = generateToken();
      await em.getRepository(ApiToken).insert({ personId: person.id, tokenHash: hashToken(token), label: input.label ?? null });
      return { token, person };
    });
  }

  async authenticate(token: string): Promise<Actor | null> {
    if (!looksLikeToken(token)) return null;
    const tokenHash = hashToken(token);
    const cached = this.cache.get(tokenHash);
    if (cached && cached.until > Date.now()) return cached.actor;
    const actor = await this.lookup(tokenHash);
    if (actor) {
      if (this.cache.size >= TOKEN_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(tokenHash, { actor, until: Date.now() + TOKEN_CACHE_TTL_MS });
    }
    return actor;
  }

  private async lookup(tokenHash: string): Promise<Actor | null> {
    const rows: Array<{ token_id: string; person_id: string; name: string; role: PersonRole; organisation_id: string | null; organisation_name: string | null }> =
      await this.dataSource.query(
        `SELECT t.id AS token_id, p.id AS person_id, p.name, p.role, p.organisation_id, o.name AS organisation_name
           FROM api_tokens t JOIN people p ON p.id = t.person_id LEFT JOIN organisations o ON o.id = p.organisation_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
        [tokenHash],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      personId: row.person_id,
      name: row.name,
      role: row.role,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      tokenId: row.token_id,
    };
  }

  async revoke(tokenId: string): Promise<void> {
    await this.dataSource.getRepository(ApiToken).update({ id: tokenId }, { revokedAt: new Date() });
    for (const [hash, entry] of this.cache) if (entry.actor.tokenId === tokenId) this.cache.delete(hash);
  }
}
