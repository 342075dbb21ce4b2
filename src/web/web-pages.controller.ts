import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { RequestException } from '../common/errors/request.exception';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pages for each role. They are public files: the data they show comes from the JSON API,
 * called from the browser with the signed-in person's bearer token, so the API's access rules
 * are the only ones there are.
 */
@ApiExcludeController()
@Public()
@Controller('app')
export class WebPagesController {
  constructor(private readonly pages: WebPages) {}

  /** Sign-in, then on to the page of the token's role. */
  @Get()
  landing(@Res() response: Response): void {
    this.pages.sendPage(response, 'index');
  }

  @Get('secretariat')
  secretariat(@Res() response: Response): void {
    this.pages.sendPage(response, 'secretariat');
  }

  @Get('participant')
  participant(@Res() response: Response): void {
    this.pages.sendPage(response, 'participant');
  }

  @Get('auditor')
  auditor(@Res() response: Response): void {
    this.pages.sendPage(response, 'auditor');
  }

  @Get('public/:id')
  publicPage(@Param('id') id: string, @Res() response: Response): void {
    this.pages.sendPage(response, UUID.test(id) ? 'public' : 'not-found', UUID.test(id) ? 200 : 404);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() response: Response): void {
    if (!this.pages.sendAsset(response, name)) throw RequestException.notFound(`page asset ${name}`);
  }
}
