import { Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor, Public, Roles } from '../../auth/auth.decorators';
import { RequestException } from '../../common/errors/request.exception';
import { CheckpointListDto } from '../dto/audit-query.dto';
import { CheckpointsService } from './checkpoints.service';

/**
 * Checkpoints are public: their point is that anyone can hold the engine to what it signed.
 * They reveal contribution ids, chain lengths and hashes, never record content.
 */
@ApiTags('audit')
@Controller('audit/checkpoints')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointsService) {}

  /** Signed checkpoints, newest first; `include=heads` adds every chain head (what the verifier needs). */
  @Get()
  @Public()
  async list(@Query() query: CheckpointListDto) {
    const page = await this.checkpoints.list({ limit: query.limit ?? 20, before: query.before, includeHeads: query.include === 'heads' });
    return { ...page, publicKey: this.checkpoints.signingKey().publicKeyPem, keyId: this.checkpoints.signingKey().keyId };
  }

  /** The public key checkpoints are signed with (PEM); pin it when verifying. */
  @Get('public-key')
  @Public()
  @Header('Content-Type', 'application/x-pem-file')
  publicKey(): string {
    return this.checkpoints.signingKey().publicKeyPem;
  }

  @Get('latest')
  @Public()
  async latest() {
    const checkpoint = await this.checkpoints.latest();
    if (!checkpoint) throw RequestException.notFound('checkpoint (none signed yet; POST /audit/checkpoints signs one)');
    return checkpoint;
  }

  /** One checkpoint with every chain head, ready for `audit verify-file --checkpoint`. */
  @Get(':sequence')
  @Public()
  async get(@Param('sequence') sequence: string) {
    if (!/^\d{1,9}$/.test(sequence) || Number(sequence) < 1) throw RequestException.field('sequence', 'must be a checkpoint number such as 3, or latest');
    const checkpoint = await this.checkpoints.get(Number(sequence));
    if (!checkpoint) throw RequestException.notFound(`checkpoint ${sequence}`);
    return checkpoint;
  }

  /** Signs the current head of every chain now. Auditors never write, so they ask the secretariat or wait for the periodic one. */
  @Post()
  @ApiBearerAuth()
  @Roles('secretariat')
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor) {
    return this.checkpoints.create('request', { requestedBy: actor.personId });
  }
}
