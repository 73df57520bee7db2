/** CloudFormation custom resource: attaches the trigger to the user pool by the plan, restores it on removal. */
import { createPoolAttachHandler } from './deps';

export const handler = createPoolAttachHandler();
