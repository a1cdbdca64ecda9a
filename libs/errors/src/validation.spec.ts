import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  Min,
  MinLength,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { ArgumentMetadata } from '@nestjs/common';
import { ErrorType } from './error-types';
import { GatewayError } from './gateway-error';
import { createValidationPipe, flattenValidationErrors } from './validation';

class Address {
  @IsString()
  @MinLength(2)
  city: string;
}

class Customer {
  @IsString()
  name: string;

  @IsInt()
  @Min(0)
  age: number;

  @ValidateNested()
  @Type(() => Address)
  address: Address;

  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => Address)
  previous: Address[];
}

const invalid = (value: object) =>
  flattenValidationErrors(validateSync(Object.assign(new Customer(), value), { forbidUnknownValues: false }));

describe('flattenValidationErrors', () => {
  it('returns one {field, message} per failed constraint', () => {
    const errors = invalid({
      name: 1,
      age: -1,
      address: Object.assign(new Address(), { city: 'X' }),
      previous: [],
    });
    expect(errors).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'age', message: 'age must not be less than 0' },
      { field: 'address.city', message: 'city must be longer than or equal to 2 characters' },
    ]);
  });

  it('names nested array items with brackets', () => {
    const previous = [
      Object.assign(new Address(), { city: 'Paris' }),
      Object.assign(new Address(), { city: 5 }),
    ];
    const errors = invalid({
      name: 'n',
      age: 1,
      address: Object.assign(new Address(), { city: 'Oslo' }),
      previous,
    });
    expect(errors.map((error) => error.field)).toEqual(['previous[1].city', 'previous[1].city']);
  });

  it('prefixes fields with a parent path', () => {
    const errors = flattenValidationErrors(
      validateSync(Object.assign(new Address(), { city: '' })),
      'account',
    );
    expect(errors).toEqual([{ field: 'account.city', message: expect.stringMatching(/^city must be/) }]);
  });

  it('rewrites whitelist errors into "unknown field"', () => {
    const address = Object.assign(new Address(), { city: 'Rome', zip: '00100' });
    const errors = flattenValidationErrors(
      validateSync(address, { whitelist: true, forbidNonWhitelisted: true }),
    );
    expect(errors).toEqual([{ field: 'zip', message: 'unknown field; it should not exist' }]);
  });

  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const metadata: ArgumentMetadata = { type: 'body', metatype: Address };

  it('transforms a valid body into the DTO class', async () => {
    const value = await pipe.transform({ city: 'Lima' }, metadata);
    expect(value).toBeInstanceOf(Address);
    expect(value).toEqual(Object.assign(new Address(), { city: 'Lima' }));
  });

  it('throws a validation GatewayError listing every problem, unknown fields included', async () => {
    const error: unknown = await pipe
      .transform({ city: 7, extra: true }, metadata)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ type: ErrorType.ValidationFailed, status: 400 });
    const fields = (error as GatewayError).options.errors!.map((item) => item.field);
    expect(fields).toEqual(expect.arrayContaining(['city', 'extra']));
  });
});
