import type { Language } from './types.js';

/**
 * A per-language value made on first read and then kept. Rendering is a pure function of the catalogue's
 * plans, so when it happens changes nothing in what is served; deferring it keeps a sandbox's start cheap
 * (most of ~10,000 products × 3 languages are never read by a given test). The values are getters, so
 * `toJSON` gives the plain `{ en, es, fr }` to serialisers.
 */
export class LazyByLanguage<T> implements Record<Language, T> {
  readonly #make: (lang: Language) => T;
  #en: T | undefined;
  #es: T | undefined;
  #fr: T | undefined;

  constructor(make: (lang: Language) => T) {
    this.#make = make;
  }

  get en(): T {
    this.#en ??= this.#make('en');
    return this.#en;
  }

  get es(): T {
    this.#es ??= this.#make('es');
    return this.#es;
  }

  get fr(): T {
    this.#fr ??= this.#make('fr');
    return this.#fr;
  }

  toJSON(): Record<Language, T> {
    return { en: this.en, es: this.es, fr: this.fr };
  }
}
