import { applyServiceHeapGrowth, SERVICE_HEAP_GROWING_PERCENT, serviceHeapFlag } from './services';

describe('service heap settings', () => {
  it('sets the heap growing percent unless told otherwise', () => {
    expect(applyServiceHeapGrowth({}, [])).toBe(SERVICE_HEAP_GROWING_PERCENT);
    expect(applyServiceHeapGrowth({ SERVICE_HEAP_GROWING_PERCENT: '50' }, [])).toBe(50);
    // 0 leaves V8's own factor; a flag on the command line wins over the default.
    expect(applyServiceHeapGrowth({ SERVICE_HEAP_GROWING_PERCENT: '0' }, [])).toBe(0);
    expect(applyServiceHeapGrowth({}, ['--heap-growing-percent=30'])).toBe(0);
    expect(() => applyServiceHeapGrowth({ SERVICE_HEAP_GROWING_PERCENT: 'lots' }, [])).toThrow(
      'SERVICE_HEAP_GROWING_PERCENT must be a whole number of percent, got "lots"',
    );
  });

  it('gives the heap limit flag', () => {
    expect(serviceHeapFlag({ SERVICE_HEAP_MB: '256' })).toBe('--max-old-space-size=256');
    expect(() => serviceHeapFlag({ SERVICE_HEAP_MB: '1.5' })).toThrow('SERVICE_HEAP_MB');
  });
});
