import 'reflect-metadata';
import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  IsInt,
  IsString,
  Min,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata';

class Line {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}
class Base {
  @IsString() id!: string;
}
class Order extends Base {
  @ValidateNested({ each: true }) @Type(() => Line) items!: Line[];
}

const messages = (errors: ValidationError[], parent = ''): string[] =>
  errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${parent}${e.property}: ${m}`),
    ...messages(e.children ?? [], `${parent}${e.property}.`),
  ]);
const check = (plain: object) =>
  messages(
    validateSync(plainToInstance(Order, plain), { whitelist: true, forbidNonWhitelisted: true }),
  );

describe('cacheValidationMetadata', () => {
  const samples = [
    { id: 'o1', items: [{ sku: 'A', qty: 1 }] },
    {
      id: 7,
      items: [
        { sku: 'A', qty: 0 },
        { sku: 3, qty: 2, extra: true },
      ],
    },
    { items: 'no', other: 1 },
  ];

  it('validates exactly as before, inherited and nested rules included', () => {
    const before = samples.map(check);
    expect(before[0]).toEqual([]);
    expect(before[1]).toEqual(
      expect.arrayContaining([
        'id: id must be a string',
        'items.0.qty: qty must not be less than 1',
        'items.1.sku: sku must be a string',
        'items.1.extra: property extra should not exist',
      ]),
    );
    cacheValidationMetadata();
    cacheValidationMetadata();
    expect(samples.map(check)).toEqual(before);
    expect(samples.map(check)).toEqual(before);
  });

  it('looks a class up once, and again after a rule is registered', () => {
    cacheValidationMetadata();
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Line, '', false, false);
    expect(storage.getTargetValidationMetadatas(Line, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Line, '', false, false, ['g'])).not.toBe(first);
    expect(check({ id: 'o', items: [{ sku: 'A', qty: 1, note: 'x' }] })).toEqual([
      'items.0.note: property note should not exist',
    ]);
    // A rule registered later (a class loaded after the first validation) is seen.
    IsString()(Line.prototype, 'note');
    const again = storage.getTargetValidationMetadatas(Line, '', false, false);
    expect(again).not.toBe(first);
    expect(again.map((m) => m.propertyName)).toContain('note');
    expect(check({ id: 'o', items: [{ sku: 'A', qty: 1, note: 'x' }] })).toEqual([]);
    expect(check({ id: 'o', items: [{ sku: 'A', qty: 1, note: 2 }] })).toEqual([
      'items.0.note: note must be a string',
    ]);
  });
});
