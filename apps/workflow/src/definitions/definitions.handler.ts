import { Injectable } from '@nestjs/common';
import {
  CreateWorkflowRequest,
  ListVersionsRequest,
  ListWorkflowsRequest,
  PreviewWorkflowRequest,
  UpdateWorkflowRequest,
  WorkflowDefinitionsCreate,
  WorkflowDefinitionsDelete,
  WorkflowDefinitionsGet,
  WorkflowDefinitionsLaunch,
  WorkflowDefinitionsList,
  WorkflowDefinitionsPause,
  WorkflowDefinitionsPreview,
  WorkflowDefinitionsUpdate,
  WorkflowDefinitionsValidate,
  WorkflowRef,
  WorkflowVersionRef,
  WorkflowVersionsGet,
  WorkflowVersionsList,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { DefinitionsService } from './definitions.service';

/** `workflow.definitions.*` and `workflow.versions.*`: thin, the answers come from the service. */
@Injectable()
export class DefinitionsHandler {
  constructor(private readonly definitions: DefinitionsService) {}

  @OnRequest(WorkflowDefinitionsCreate) create(req: CreateWorkflowRequest) {
    return this.definitions.create(req);
  }

  @OnRequest(WorkflowDefinitionsUpdate) update(req: UpdateWorkflowRequest) {
    return this.definitions.update(req);
  }

  @OnRequest(WorkflowDefinitionsGet) get(req: WorkflowRef) {
    return this.definitions.get(req.workflowId);
  }

  @OnRequest(WorkflowDefinitionsList) list(req: ListWorkflowsRequest) {
    return this.definitions.list(req);
  }

  @OnRequest(WorkflowDefinitionsDelete) remove(req: WorkflowRef) {
    return this.definitions.remove(req.workflowId);
  }

  @OnRequest(WorkflowVersionsList) versions(req: ListVersionsRequest) {
    return this.definitions.versions(req);
  }

  @OnRequest(WorkflowVersionsGet) version(req: WorkflowVersionRef) {
    return this.definitions.getVersion(req.workflowId, req.version);
  }

  @OnRequest(WorkflowDefinitionsValidate) validate(req: WorkflowRef) {
    return this.definitions.validate(req.workflowId);
  }

  @OnRequest(WorkflowDefinitionsLaunch) launch(req: WorkflowRef) {
    return this.definitions.launch(req.workflowId);
  }

  @OnRequest(WorkflowDefinitionsPause) pause(req: WorkflowRef) {
    return this.definitions.pause(req.workflowId);
  }

  @OnRequest(WorkflowDefinitionsPreview) preview(req: PreviewWorkflowRequest) {
    return this.definitions.preview(req);
  }
}
