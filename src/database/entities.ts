import { ApiToken } from '../auth/entities/api-token.entity';
import { Person } from '../auth/entities/person.entity';
import { TransitionRecord } from '../audit/entities/transition-record.entity';
import { Contribution } from '../contributions/entities/contribution.entity';
import { Notification } from '../notifications/entities/notification.entity';
import { WebhookDelivery } from '../notifications/entities/webhook-delivery.entity';
import { WebhookSubscription } from '../notifications/entities/webhook-subscription.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { NoCommentDeclaration } from '../participation/comments/entities/no-comment-declaration.entity';
import { Comment } from '../participation/comments/entities/comment.entity';
import { BodyDecision } from '../participation/decisions/entities/body-decision.entity';
import { Invitation } from '../participation/invitations/entities/invitation.entity';
import { QuestionnaireQuestion } from '../participation/questionnaires/entities/questionnaire-question.entity';
import { QuestionnaireSubmission } from '../participation/questionnaires/entities/questionnaire-submission.entity';
import { Reading } from '../participation/readings/entities/reading.entity';
import { CommentDisposition } from '../participation/sessions/entities/comment-disposition.entity';
import { EditorialSession } from '../participation/sessions/entities/editorial-session.entity';
import { SessionPresentation } from '../participation/sessions/entities/session-presentation.entity';
import { Signature } from '../participation/signatories/entities/signature.entity';
import { SubmittedCopy } from '../participation/signatories/entities/submitted-copy.entity';
import { TextParagraph } from '../participation/texts/entities/text-paragraph.entity';
import { TextVersion } from '../participation/texts/entities/text-version.entity';
import { Deadline } from '../scheduling/entities/deadline.entity';
import { OutboxMessage } from '../scheduling/entities/outbox-message.entity';
import { Reminder } from '../scheduling/entities/reminder.entity';
import { WorkflowDefinitionEntity } from '../workflows/entities/workflow-definition.entity';

/** Every entity, registered once for the one DataSource. */
export const ENTITIES = [Organisation, Person, ApiToken, WorkflowDefinitionEntity, Contribution, TransitionRecord,
  Deadline, OutboxMessage, Reminder, Notification, WebhookSubscription, WebhookDelivery,
  TextVersion, TextParagraph, Invitation, Comment, NoCommentDeclaration, EditorialSession, SessionPresentation, CommentDisposition,
  BodyDecision, Signature, SubmittedCopy, QuestionnaireQuestion, QuestionnaireSubmission, Reading];
