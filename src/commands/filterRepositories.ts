import type { CommandFactory } from '.';

export const filterRepositories: CommandFactory = (ctx) => ({
  id: 'ecr.filterRepositories',
  run: async (text?: unknown) => {
    const value =
      typeof text === 'string'
        ? text
        : await ctx.prompts.input({ title: 'Filter repositories', prompt: 'Part of a repository name (case-insensitive); empty shows all', value: ctx.model.filter });
    if (value !== undefined) ctx.model.setFilter(value);
  },
});
