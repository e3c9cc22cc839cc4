/**
 * CloudFormation's short-form intrinsics (`!Ref`, `!GetAtt`, `!Sub`, ...) as custom
 * tags of the `yaml` package. Each tag turns into the long form CloudFormation itself
 * expands it to (`{"Fn::Sub": ...}`), so everything after parsing sees one shape for
 * YAML and JSON templates alike. Every tag is registered for scalars, sequences and
 * mappings: a wrong shape (`!Ref [a]`) then reaches the intrinsic resolver, which
 * reports it with its path, instead of vanishing as an unknown tag here.
 */
import {YAMLMap, YAMLSeq} from 'yaml';
import type {CollectionTag, ScalarTag} from 'yaml';

/** Short tag name -> long form key. `!Ref` and `!Condition` keep their bare names. */
const intrinsicKeys: Record<string, string> = {
	Ref: 'Ref',
	Condition: 'Condition',
	GetAtt: 'Fn::GetAtt',
	Sub: 'Fn::Sub',
	Join: 'Fn::Join',
	Select: 'Fn::Select',
	Split: 'Fn::Split',
	If: 'Fn::If',
	Equals: 'Fn::Equals',
	And: 'Fn::And',
	Or: 'Fn::Or',
	Not: 'Fn::Not',
	FindInMap: 'Fn::FindInMap',
	Base64: 'Fn::Base64',
	GetAZs: 'Fn::GetAZs',
	ImportValue: 'Fn::ImportValue',
	Cidr: 'Fn::Cidr',
	Transform: 'Fn::Transform',
	Length: 'Fn::Length',
	ToJsonString: 'Fn::ToJsonString',
};

/** What `toJS` hands a collection's `toJSON`; the parts used here only. */
interface ConversionContext {
	onCreate?: (result: unknown) => void;
}

/**
 * Registers the wrapper object with the anchor bookkeeping before the children are
 * converted, so an alias (`*name`) to a tagged collection yields the same intrinsic
 * object rather than its bare argument list.
 */
function wrapConversion(key: string, ctx: ConversionContext | undefined, convert: () => unknown): Record<string, unknown> {
	const wrapper: Record<string, unknown> = {};
	const onCreate = ctx?.onCreate;
	if (ctx && onCreate) {
		delete ctx.onCreate;
		onCreate(wrapper);
	}
	wrapper[key] = convert();
	return wrapper;
}

function seqClass(key: string) {
	return class IntrinsicSeq extends YAMLSeq {
		// The declared return type is the base class's; the value is the long-form object.
		override toJSON(arg?: unknown, ctx?: ConversionContext): unknown[] {
			return wrapConversion(key, ctx, () => super.toJSON(arg, ctx as never)) as unknown as unknown[];
		}
	};
}

function mapClass(key: string) {
	return class IntrinsicMap extends YAMLMap {
		override toJSON(arg?: unknown, ctx?: ConversionContext): never {
			return wrapConversion(key, ctx, () => super.toJSON(arg, ctx as never)) as never;
		}
	};
}

function scalarValue(name: string, key: string, text: string): unknown {
	if (name === 'GetAtt') {
		// `!GetAtt Resource.Attribute` splits at the first dot; attributes may hold dots.
		const dot = text.indexOf('.');
		return {[key]: dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)]};
	}
	return {[key]: text};
}

function buildTags(): Array<ScalarTag | CollectionTag> {
	const tags: Array<ScalarTag | CollectionTag> = [];
	for (const [name, key] of Object.entries(intrinsicKeys)) {
		const tag = `!${name}`;
		tags.push({tag, resolve: (text: string) => scalarValue(name, key, text)});
		const Seq = seqClass(key);
		tags.push({
			tag,
			collection: 'seq',
			resolve: seq => Object.assign(new Seq(), {items: seq.items, range: seq.range, flow: seq.flow}),
		});
		const Map = mapClass(key);
		tags.push({
			tag,
			collection: 'map',
			resolve: map => Object.assign(new Map(), {items: map.items, range: map.range, flow: map.flow}),
		});
	}
	return tags;
}

/** Pass as `customTags` to `yaml`'s `parseDocument`. */
export const cloudFormationTags: ReadonlyArray<ScalarTag | CollectionTag> = buildTags();
