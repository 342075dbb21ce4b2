import { ApiToken } from '../auth/entities/api-token.entity';
import { Person } from '../auth/entities/person.entity';
import { TransitionRecord } from '../audit/entities/transition-record.entity';
import { Contribution } from '../contributions/entities/contribution.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Deadline } from '../scheduling/entities/deadline.entity';
import { OutboxMessage } from '../scheduling/entities/outbox-message.entity';
import { WorkflowDefinitionEntity } from '../workflows/entities/workflow-definition.entity';

/** Every entity, registered once for the one DataSource. */
export const ENTITIES = [Organisation, Person, ApiToken, WorkflowDefinitionEntity, Contribution, TransitionRecord, Deadline, OutboxMessage];
