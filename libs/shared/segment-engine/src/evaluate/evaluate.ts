import type { CompiledSegment } from '../compile/compile-segment';
import type { IrNode } from '../compile/ir';
import { countSatisfies } from './event-count';
import { UserContext, type UserInput } from './user-context';

export type Test = (ctx: UserContext) => boolean;

const tests = new WeakMap<CompiledSegment, Test>();
const nodeTests = new WeakMap<IrNode, Test>();

/** The one-user test of one node of a compiled tree (its subtree), built once per node. */
export function nodeTest(node: IrNode): Test {
  let t = nodeTests.get(node);
  if (!t) {
    t = build(node);
    nodeTests.set(node, t);
  }
  return t;
}

function build(node: IrNode): Test {
  switch (node.kind) {
    case 'group': {
      const children = node.children.map(build);
      if (children.length === 0) return () => true; // empty root: every user
      if (children.length === 1) return children[0];
      if (node.operator === 'and') {
        return (ctx) => {
          for (const t of children) if (!t(ctx)) return false;
          return true;
        };
      }
      return (ctx) => {
        for (const t of children) if (t(ctx)) return true;
        return false;
      };
    }
    case 'field': {
      const p = node.predicate;
      return (ctx) => p.test(ctx.profile, ctx.nowMs);
    }
    case 'event': {
      const spec = node.event;
      if (spec.always) return () => true;
      return (ctx) => countSatisfies(spec, ctx.count(spec));
    }
    case 'segment': {
      const child = build(node.child);
      return node.negate ? (ctx) => !child(ctx) : child;
    }
  }
}

function testOf(compiled: CompiledSegment): Test {
  let t = tests.get(compiled);
  if (!t) {
    t = nodeTest(compiled.root);
    tests.set(compiled, t);
  }
  return t;
}

/** Is this user in the segment right now? Same meaning as the batch plan. */
export function evaluate(compiled: CompiledSegment, input: UserInput | UserContext): boolean {
  const ctx = input instanceof UserContext ? input : new UserContext(input);
  return testOf(compiled)(ctx);
}

/** Membership of many segments for one user, sharing the per-user work. */
export function evaluateMany(compiled: readonly CompiledSegment[], input: UserInput): boolean[] {
  const ctx = new UserContext(input);
  return compiled.map((c) => testOf(c)(ctx));
}
