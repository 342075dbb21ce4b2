import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';

export enum NotificationExceptionCode {
  NOTIFICATION_NOT_FOUND = 'notification_not_found',
  WEBHOOK_NOT_FOUND = 'webhook_not_found',
  INVALID_WEBHOOK = 'invalid_webhook',
}

export class NotificationException extends DomainException<NotificationExceptionCode> {
  static notificationNotFound(id: string): NotificationException {
    return new NotificationException(
      NotificationExceptionCode.NOTIFICATION_NOT_FOUND,
      `no notification ${id} in your inbox; list yours with GET /me/notifications`,
      HttpStatus.NOT_FOUND,
    );
  }

  static webhookNotFound(id: string): NotificationException {
    return new NotificationException(NotificationExceptionCode.WEBHOOK_NOT_FOUND, `no webhook subscription ${id} that you can see; list them with GET /webhooks`, HttpStatus.NOT_FOUND);
  }

  static invalidWebhook(path: string, message: string): NotificationException {
    return new NotificationException(NotificationExceptionCode.INVALID_WEBHOOK, `${path}: ${message}`, HttpStatus.BAD_REQUEST, { errors: [{ path, message }] });
  }
}
