import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  MANDATORY_CATEGORIES,
  NOTIFICATION_CATEGORIES,
  NotificationCategory,
  notificationCategoryLabels,
  NotificationPreferences,
  NotificationPreferencesInput,
  NotificationPreferencesView,
} from '@tochka/contracts';
import { Clock, CLOCK } from '@tochka/runtime';
import { READ_MODELS, ReadModels } from '../read-models/read-models';
import { PREFERENCE_MODEL, PreferenceModel } from './preference.model';

/**
 * Which kinds of mail each user wants. Keyed by the user; a mail's recipient is an e-mail
 * address, matched to an account through the users read model. Addresses without an account
 * (an organisation's head, a group's contact) always receive.
 */
@Injectable()
export class PreferencesService {
  constructor(
    @Inject(PREFERENCE_MODEL) private readonly preferences: PreferenceModel,
    @Inject(READ_MODELS) private readonly models: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(actor: Actor): Promise<NotificationPreferencesView> {
    const doc = await this.preferences.findById(actor.userId).lean();
    return view(new Set(doc?.disabled ?? []));
  }

  /** Replace the user's choice: categories left out are on. */
  async put(actor: Actor, input: NotificationPreferencesInput): Promise<NotificationPreferencesView> {
    const disabled = NOTIFICATION_CATEGORIES.filter((c) => input[c] === false && !MANDATORY_CATEGORIES.includes(c));
    await this.preferences.updateOne({ _id: actor.userId }, { $set: { disabled, updatedAt: this.clock.now() } }, { upsert: true });
    return view(new Set(disabled));
  }

  /** Keep the items whose recipient has not switched their category off. */
  async filterOptedOut<T>(items: T[], describe: (item: T) => { email: string; category: NotificationCategory }): Promise<T[]> {
    const switchable = items.map(describe).filter((d) => !MANDATORY_CATEGORIES.includes(d.category));
    if (!switchable.length) return items;
    const users = await this.models.users.find({ email: { $in: [...new Set(switchable.map((d) => d.email))] } }, { _id: 1, email: 1 }).lean();
    if (!users.length) return items;
    const prefs = await this.preferences.find({ _id: { $in: users.map((u) => u._id) } }).lean();
    const disabledByEmail = new Map<string, Set<string>>();
    for (const u of users) {
      const p = prefs.find((x) => x._id === u._id);
      if (p?.disabled.length) disabledByEmail.set(u.email, new Set(p.disabled));
    }
    return items.filter((item) => {
      const { email, category } = describe(item);
      return !disabledByEmail.get(email)?.has(category);
    });
  }
}

function view(disabled: Set<string>): NotificationPreferencesView {
  const preferences = Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, !disabled.has(c)])) as NotificationPreferences;
  return {
    preferences,
    categories: NOTIFICATION_CATEGORIES.map((category) => ({
      category,
      label: notificationCategoryLabels[category],
      enabled: preferences[category],
      mandatory: MANDATORY_CATEGORIES.includes(category),
    })),
  };
}
