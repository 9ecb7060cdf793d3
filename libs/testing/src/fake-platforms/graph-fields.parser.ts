/**
 * Parses Graph API field expansion (docs/platform-apis.md#facebook-request): `id,message,reactions.summary(total_count).limit(0),
 * comments.summary(true).limit(0).as(c),from{name}`. Each field has a name, modifiers (`summary`,
 * `limit`, `as`, `type`, `filter`, `order`) and optional `{subfields}`.
 */
export interface GraphField {
  name: string;
  /** Output key: the `.as(alias)` when given, else the name. */
  key: string;
  modifiers: ReadonlyMap<string, string>;
  subfields: GraphField[] | null;
}

export class GraphFieldsSyntaxError extends Error {}

export function parseGraphFields(input: string): GraphField[] {
  const parser = new FieldParser(input);
  const fields = parser.list('');
  if (!parser.atEnd())
    throw new GraphFieldsSyntaxError(`Syntax error "Expected end of string instead of "${parser.rest()}"."`);
  return fields;
}

class FieldParser {
  private position = 0;

  constructor(private readonly input: string) {}

  atEnd(): boolean {
    return this.position >= this.input.length;
  }

  rest(): string {
    return this.input.slice(this.position, this.position + 10);
  }

  list(closing: string): GraphField[] {
    const fields: GraphField[] = [];
    while (!this.atEnd() && this.peek() !== closing) {
      fields.push(this.field());
      if (this.peek() === ',') this.position += 1;
    }
    return fields;
  }

  private field(): GraphField {
    const name = this.identifier();
    const modifiers = new Map<string, string>();
    let subfields: GraphField[] | null = null;
    while (this.peek() === '.' || this.peek() === '{') {
      if (this.peek() === '{') {
        this.position += 1;
        subfields = this.list('}');
        this.expect('}');
        continue;
      }
      this.position += 1;
      const modifier = this.identifier();
      this.expect('(');
      const end = this.input.indexOf(')', this.position);
      if (end < 0) throw new GraphFieldsSyntaxError(`Syntax error "Expected ")" after ${modifier}"`);
      modifiers.set(modifier, this.input.slice(this.position, end));
      this.position = end + 1;
    }
    return { name, key: modifiers.get('as') ?? name, modifiers, subfields };
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.input.slice(this.position));
    if (!match) throw new GraphFieldsSyntaxError(`Syntax error "Expected a field name instead of "${this.rest()}"."`);
    this.position += match[0].length;
    return match[0];
  }

  private expect(char: string): void {
    if (this.peek() !== char)
      throw new GraphFieldsSyntaxError(`Syntax error "Expected "${char}" instead of "${this.rest()}"."`);
    this.position += 1;
  }

  private peek(): string {
    return this.input[this.position] ?? '';
  }
}
