import { organizations } from '@tochka/district-data';
import { venueAddress } from './references';

describe('the address of an event', () => {
  it('is the host address as registered when it already names the settlement (no «ст. …, …, ст. …»)', () => {
    const address = 'Краснодарский край, Щербиновский район, ст. Старощербиновская, ул. Чкалова, 112';
    expect(venueAddress({ settlement: 'ст. Старощербиновская', address })).toBe(address);
  });

  it('gets the settlement in front when the address is only the street', () => {
    expect(venueAddress({ settlement: 'с. Ейское Укрепление', address: 'ул. Октябрьская, 2' })).toBe('с. Ейское Укрепление, ул. Октябрьская, 2');
  });

  it('names each settlement once for every organisation of the district', () => {
    for (const org of organizations) {
      const address = venueAddress(org);
      expect({ id: org.id, count: address.split(org.settlement).length - 1 }).toEqual({ id: org.id, count: 1 });
    }
  });
});
