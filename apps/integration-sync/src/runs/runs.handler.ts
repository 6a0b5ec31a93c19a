import { Injectable } from '@nestjs/common';
import { ListRunsRequest, RunIdRequest, StartRunRequest, SyncRunsGet, SyncRunsList, SyncRunsStart } from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { RunsService } from './runs.service';

/** `sync.runs.*` request-reply. */
@Injectable()
export class RunsHandler {
  constructor(private readonly runs: RunsService) {}

  @OnRequest(SyncRunsStart)
  start(req: StartRunRequest) {
    return this.runs.start(req.integrationId);
  }

  @OnRequest(SyncRunsGet)
  get(req: RunIdRequest) {
    return this.runs.get(req.runId);
  }

  @OnRequest(SyncRunsList)
  list(req: ListRunsRequest) {
    return this.runs.list(req);
  }
}
