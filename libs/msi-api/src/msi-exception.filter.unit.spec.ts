import { ArgumentsHost, Logger } from '@nestjs/common';
import { NotFoundError } from '@inventory/decider';
import { lastValueFrom, Observable } from 'rxjs';
import { MsiExceptionFilter } from './msi-exception.filter';
import { msiNotFound } from './msi-errors';

class FakeReply {
  sent = false;
  statusCode = 200;
  headers: Record<string, string> = {};
  payload: unknown;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
  send(payload: unknown): this {
    this.payload = payload;
    this.sent = true;
    return this;
  }
}

function httpHost(reply: FakeReply): ArgumentsHost {
  const request = { method: 'GET', url: '/V1/inventory/source-items' };
  return {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => reply,
      getNext: () => undefined,
    }),
  } as unknown as ArgumentsHost;
}

describe('MsiExceptionFilter', () => {
  const filter = new MsiExceptionFilter();
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('sends the Magento body with its status as JSON', () => {
    const reply = new FakeReply();
    filter.catch(msiNotFound('Missing %1.', ['A']), httpHost(reply));
    expect(reply).toMatchObject({
      statusCode: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: { message: 'Missing %1.', parameters: ['A'] },
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('maps domain errors without logging them', () => {
    const reply = new FakeReply();
    filter.catch(new NotFoundError('NOPE', 'Not there.'), httpHost(reply));
    expect([reply.statusCode, reply.payload]).toEqual([404, { message: 'Not there.' }]);
    expect(logged).not.toHaveBeenCalled();
  });

  it('logs an unexpected error with the report id the client gets, and only the id leaks', () => {
    const reply = new FakeReply();
    filter.catch(new Error('password=hunter2'), httpHost(reply));
    const body = reply.payload as { message: string; parameters: string[] };
    expect(reply.statusCode).toBe(500);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const [message, stack] = logged.mock.calls[0];
    expect(message).toBe(`GET /V1/inventory/source-items failed, report ${body.parameters[0]}`);
    expect(stack).toContain('password=hunter2');
  });

  it('leaves a reply that was already sent alone', () => {
    const reply = new FakeReply();
    reply.sent = true;
    filter.catch(msiNotFound('x'), httpHost(reply));
    expect(reply.payload).toBeUndefined();
  });

  it('hands Kafka handler errors back unchanged, so the transport still sees retryable', async () => {
    const rpcHost = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const error = Object.assign(new Error('handler failed'), { retryable: false });
    const result = filter.catch(error, rpcHost) as Observable<unknown>;
    await expect(lastValueFrom(result)).rejects.toBe(error);
  });
});
