/**
 * The fake platform's "servers": chat rooms in memory. A person says something in a room; the
 * bot, once it has joined, answers. Stands in for a real platform's API in tests/adapters/registry.
 */
export interface Said {
  user: string;
  text: string;
}

export interface Room {
  /** Says `text` as `user` and resolves with the bot's answer; rejects if no bot is in the room. */
  say(user: string, text: string): Promise<string>;
  /** Clicks a button the bot offered: the card it stands for. */
  click(user: string, card: { pack: string; card: string }): Promise<string>;
  join(bot: RoomBot): void;
  leave(): void;
}

export interface RoomBot {
  heard(said: Said | { user: string; clicked: { pack: string; card: string } }): Promise<string>;
}

const rooms = new Map<string, Room>();

export function room(name: string): Room {
  const existing = rooms.get(name);
  if (existing) return existing;
  let bot: RoomBot | undefined;
  const present = () => {
    if (!bot) throw new Error(`no bot in room ${name}`);
    return bot;
  };
  const created: Room = {
    say: async (user, text) => present().heard({ user, text }),
    click: async (user, clicked) => present().heard({ user, clicked }),
    join(joining) {
      bot = joining;
    },
    leave() {
      bot = undefined;
    },
  };
  rooms.set(name, created);
  return created;
}
