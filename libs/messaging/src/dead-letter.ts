import { IHeaders, KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, DeadLetterReason, dlqTopicName } from '@inventory/contracts';
import { Producer } from 'kafkajs';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: DeadLetterReason;
  error: string;
  groupId: string;
}

/**
 * Sends the original key, value and headers to `<topic>.dlq` with headers naming why and where
 * from. Awaited before the offset is committed, so a crash in between re-delivers, never loses.
 */
export async function sendToDeadLetter(producer: Producer, dl: DeadLetter): Promise<void> {
  const headers: IHeaders = {
    ...dl.message.headers,
    [DLQ_HEADERS.reason]: dl.reason,
    [DLQ_HEADERS.error]: dl.error.slice(0, 2000),
    [DLQ_HEADERS.originalTopic]: dl.topic,
    [DLQ_HEADERS.originalPartition]: String(dl.partition),
    [DLQ_HEADERS.originalOffset]: dl.message.offset,
    [DLQ_HEADERS.consumerGroup]: dl.groupId,
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
  await producer.send({
    topic: dlqTopicName(dl.topic),
    acks: -1,
    messages: [{ key: dl.message.key, value: dl.message.value, headers }],
  });
}
