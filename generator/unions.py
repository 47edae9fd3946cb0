"""Building discriminated unions into what openapi-python-client renders.

``generator.discriminators`` decides each union's dispatch from the document; this module applies
those decisions while upstream parses the document, wherever the union sits (a component schema,
a property, array items, a body, a member of another union):

- ``UnionBuilder.installed()`` replaces upstream's ``UnionProperty.build`` for the duration of one
  ``GeneratorData.from_dict``. Every union is built as upstream builds it, except that a union
  whose schema carries a discriminator becomes a ``DiscriminatedUnionProperty``: typed as the
  union's name and parsed through the union's dispatch function, never by try-each. Upstream also
  flattens a union that is a member of another union into the outer one; a discriminated union
  keeps its dispatch there too.
- after parsing, ``apply_variant_defaults`` gives a variant's discriminator property its value as a
  default when it has exactly one (``PasswordGrant(username=..., password=...)`` needs no
  ``grant_type``); where the spec declares one shared enum of the values (our own specs' house
  rule), a variant allowing several becomes a ``Literal`` of them, not an enum class of its own.
- the template context for each union module (``overrides/union_module.py.jinja``) is computed here,
  so the template only loops and prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, ClassVar

from attrs import define, evolve
from openapi_python_client import schema as oai
from openapi_python_client import strings
from openapi_python_client.config import Config
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import PropertyError
from openapi_python_client.parser.properties import EnumProperty, LiteralEnumProperty, ModelProperty
from openapi_python_client.parser.properties.protocol import PropertyProtocol
from openapi_python_client.parser.properties.schemas import Class, Schemas
from openapi_python_client.parser.properties.union import UnionProperty

from generator.discriminators import POINTER_EXTENSION, DiscriminatedUnion, Fallback, Variant
from generator.errors import GeneratorFailure
from generator.upstream import document_text, replaced_union_build

_SCHEMA_ROOT = "/components/schemas/"


@dataclass(frozen=True)
class VariantClass:
    """A generated name a union module imports: a model class, or another union (``parser`` set)."""

    name: str
    module: str
    parser: str = ""


@dataclass(frozen=True)
class NestedChoice:
    """A variant that is a union itself, resolved by which field the payload carries."""

    parser_name: str
    label: str
    choices: tuple[tuple[str, VariantClass], ...]  # (required field, class), in spec order


@dataclass(frozen=True)
class UnionModule:
    """Everything ``union_module.py.jinja`` prints for one union."""

    pointer: str
    class_name: str
    module_name: str
    parse_function: str
    property_name: str
    values_constant: str
    description: str
    entries: tuple[tuple[str, str], ...]  # (discriminator value, Variant expression)
    classes: tuple[VariantClass, ...]
    nested: tuple[NestedChoice, ...]
    shared_enum: VariantClass | None


@define
class DiscriminatedUnionProperty(UnionProperty):
    """A union property typed and parsed as its named discriminated union."""

    union_class: str
    union_module: str
    parse_function: str
    template: ClassVar[str] = "discriminated_union_property.py.jinja"

    def _get_inner_type_strings(self, json: bool) -> set[strings.PythonCode]:
        return {strings.PythonCode("dict[str, Any]" if json else self.union_class)}

    def get_instance_type_string(self) -> strings.PythonCode:
        return strings.PythonCode(self.union_class)

    def get_imports(self, *, prefix: str) -> set[str]:
        imports = PropertyProtocol.get_imports(self, prefix=prefix)
        imports.add("from typing import Any")
        return imports

    def get_lazy_imports(self, *, prefix: str) -> set[str]:
        # Imported where it is used, as upstream imports a model it refers to: a union whose member
        # holds the union again (OpenAI's CompoundFilter, whose filters are filters) would otherwise
        # be a circular import. Endpoints take lazy imports at module level, models inside from_dict
        # and to_dict (and for type checkers).
        return {self._module_import(prefix)}

    def _module_import(self, prefix: str) -> str:
        return f"from {prefix}models.{self.union_module} import {self.union_class}, {self.parse_function}"


@dataclass(frozen=True)
class _Default:
    """A variant's discriminator property and the values the union sends to that variant."""

    model: str
    property_name: str
    values: tuple[str, ...]
    union_values: frozenset[str]  # every value of the union: a shared enum of them is our house style


@dataclass
class UnionBuilder:
    """Builds every union upstream builds; the discriminated ones get a dispatch table."""

    unions: list[DiscriminatedUnion]
    config: Config
    #: Strict: a union whose members upstream does not generate as its dispatch table needs is a
    #: refusal. Otherwise that union keeps upstream's try-each parsing, listed in ``fallbacks``.
    strict: bool = True
    modules: dict[str, UnionModule] = field(default_factory=dict)  # by class name
    defaults: list[_Default] = field(default_factory=list)
    fallbacks: dict[str, Fallback] = field(default_factory=dict)  # by pointer

    def __post_init__(self) -> None:
        self._by_pointer = {union.pointer: union for union in self.unions}

    @contextmanager
    def installed(self) -> Iterator[None]:
        """Upstream's ``UnionProperty.build`` is this builder's while the block runs.

        A process-wide replacement (``generator.upstream``), undone on exit.
        """
        with replaced_union_build(self.build):
            yield

    def build(
        self,
        *,
        data: oai.Schema,
        name: oai.UntrustedString,
        required: bool,
        schemas: Schemas,
        parent_name: str,
        config: Config,
    ) -> tuple[UnionProperty | PropertyError, Schemas]:
        """Upstream's ``UnionProperty.build`` (openapi-python-client 0.29.1), keeping each member's
        property, not flattening a discriminated member into the outer union, and deferring the
        properties of a component union's inline members."""
        from openapi_python_client.parser.properties import property_from_data

        members: list[PropertyProtocol] = []
        type_list_data = []
        if isinstance(data.type, list):
            for _type in data.type:
                type_list_data.append(data.model_copy(update={"type": _type, "default": None}))
        for i, sub_prop_data in enumerate(chain(data.anyOf, data.oneOf, type_list_data)):
            if (
                isinstance(sub_prop_data, oai.Schema)
                and sub_prop_data.title is not None
                and sub_prop_data.title != data.title
            ):
                subscript = document_text(sub_prop_data.title)
            else:
                subscript = f"type_{i}"
            sub_prop, schemas = property_from_data(
                name=oai.UntrustedString(f"{document_text(name)}_{subscript}"),
                required=True,
                data=sub_prop_data,
                schemas=schemas,
                parent_name=parent_name,
                config=config,
                # A component union (no parent) is built while the components are still being
                # registered: an inline member's properties are processed later with every other
                # model's, as upstream does for component models. Processed here, an inline member
                # whose allOf names another model fails ("Reference ... in allOf was not processed").
                process_properties=bool(parent_name),
            )
            if isinstance(sub_prop, PropertyError):
                # Upstream formats the UntrustedString itself into the message, which prints its repr.
                # It also says what is wrong with the member (upstream drops that).
                detail = f"Invalid property in union {document_text(name)}: {sub_prop.detail or sub_prop.header}"
                return PropertyError(detail=detail, data=sub_prop_data), schemas
            members.append(sub_prop)

        seen_types = set()
        inner_properties: list[PropertyProtocol] = []
        for flattened in _flatten(members):
            type_string = flattened.get_type_string(no_optional=True)
            if type_string not in seen_types:
                seen_types.add(type_string)
                inner_properties.append(flattened)

        prop = UnionProperty(
            name=name,
            required=required,
            default=None,
            inner_properties=inner_properties,
            python_name=strings.PythonIdentifier(value=name, prefix=config.field_prefix),
            description=data.description,
            example=data.example,
        )
        default_or_error = prop.convert_value(data.default)
        if isinstance(default_or_error, PropertyError):
            default_or_error.data = data
            return default_or_error, schemas
        prop = evolve(prop, default=default_or_error)

        pointer = (data.model_extra or {}).get(POINTER_EXTENSION)
        union = self._by_pointer.get(pointer) if isinstance(pointer, str) else None
        if union is None or union.pointer in self.fallbacks:
            return prop, schemas
        try:
            module = self._module(union, members, document_text(name), parent_name, schemas)
        except GeneratorFailure as failure:
            if self.strict:
                raise
            reason = str(failure).removeprefix(f"{union.pointer}: ")
            self.fallbacks[union.pointer] = Fallback(union.pointer, reason, "union")
            return prop, schemas
        return (
            DiscriminatedUnionProperty(
                name=prop.name,
                required=prop.required,
                default=prop.default,
                python_name=prop.python_name,
                description=prop.description,
                example=prop.example,
                inner_properties=prop.inner_properties,
                union_class=module.class_name,
                union_module=module.module_name,
                parse_function=module.parse_function,
            ),
            schemas,
        )

    def _module(
        self, union: DiscriminatedUnion, members: list[PropertyProtocol], name: str, parent_name: str, schemas: Schemas
    ) -> UnionModule:
        where = f"{union.pointer}"
        if len(members) != len(union.variants):
            raise GeneratorFailure(f"{where}: {len(union.variants)} members in the document, {len(members)} generated")
        class_name = self._class_name(union, name, parent_name, schemas)
        module_name = strings.snake_case(class_name)
        expressions: list[str] = []  # the Variant expression of each member, in member order
        classes: list[VariantClass] = []
        nested: list[NestedChoice] = []
        values_by_model: dict[str, tuple[str, ...]] = {}
        for variant, member in zip(union.variants, members, strict=True):
            if variant.union is not None:
                if not isinstance(member, DiscriminatedUnionProperty):
                    raise GeneratorFailure(f"{where}: member {variant.schema} was not generated as a union")
                child = VariantClass(member.union_class, member.union_module, member.parse_function)
                classes.append(child)
                expressions.append(f'Variant("{child.name}", {child.parser})')
            elif variant.nested and not all(nested.required_field for nested in variant.nested):
                # Nothing tells this member's own members apart: its values try them in order.
                leaves = self._nested_choice(union, variant, member).choices
                classes.extend(cls for _, cls in leaves)
                in_order = ", ".join(f'Variant("{cls.name}", {cls.name}.from_dict)' for _, cls in leaves)
                expressions.append(f'first_fitting("{class_name}", ({in_order},))')
                for _, cls in leaves:
                    values_by_model[cls.name] = variant.values
            elif variant.nested:
                choice = self._nested_choice(union, variant, member)
                nested.append(choice)
                classes.extend(cls for _, cls in choice.choices)
                expressions.append(choice.parser_name)
                for _, cls in choice.choices:
                    values_by_model[cls.name] = variant.values
            else:
                cls = _model_class(member, f"{where}: member {variant.schema}")
                classes.append(cls)
                expressions.append(f'Variant("{cls.name}", {cls.name}.from_dict)')
                values_by_model[cls.name] = variant.values
        entries = [(value, expressions[i]) for i, variant in enumerate(union.variants) for value in variant.values]
        for value, field_name, choices in union.split:
            by_value = ", ".join(f'"{v}": {expressions[i]}' for values, i in choices for v in values)
            entries.append((value, f'by_second_field("{class_name}", "{field_name}", {{{by_value}}})'))
        for value, indices in union.shared:
            tried = ", ".join(expressions[i] for i in indices)
            entries.append((value, f'first_fitting("{class_name}", ({tried},))'))

        module = UnionModule(
            pointer=union.pointer,
            class_name=class_name,
            module_name=module_name,
            parse_function=f"parse_{module_name}",
            property_name=union.property_name,
            values_constant=f"{module_name.upper()}_{strings.snake_case(union.property_name).upper()}S",
            description=f"Any {class_name} variant, selected by {union.property_name!r}.",
            entries=tuple(entries),
            classes=tuple(dict.fromkeys(classes)),
            nested=tuple(nested),
            shared_enum=None,  # known once every enum is built (finish)
        )
        known = self.modules.get(class_name)
        if known is not None and known != module:
            raise GeneratorFailure(f"{where}: its union class {class_name} is also generated for {known.pointer}")
        for model, values in values_by_model.items():
            self.defaults.append(_Default(model, union.property_name, values, frozenset(union.values)))
        self.modules[class_name] = module
        return module

    def _class_name(self, union: DiscriminatedUnion, name: str, parent_name: str, schemas: Schemas) -> str:
        # Named as upstream names a model in the same place: the component's name at the top level,
        # else the parent's name followed by the property's.
        base = f"{strings.pascal_case(parent_name)}{strings.pascal_case(name)}" if parent_name else name
        class_name = str(Class.from_string(string=base, config=self.config).name)
        taken = {str(key) for key in schemas.classes_by_name}
        candidate, number = class_name, 1
        while candidate in taken or (candidate in self.modules and self.modules[candidate].pointer != union.pointer):
            candidate = f"{class_name}Union" if number == 1 else f"{class_name}Union{number}"
            number += 1
        return candidate

    def _nested_choice(self, union: DiscriminatedUnion, variant: Variant, member: PropertyProtocol) -> NestedChoice:
        # Named like the model it would have been (from its title), for error messages.
        label = str(strings.ClassName(variant.title or variant.schema, self.config.field_prefix))
        leaves = member.inner_properties if isinstance(member, UnionProperty) else []
        if len(leaves) != len(variant.nested):
            raise GeneratorFailure(
                f"{union.pointer}: member {variant.schema} was not generated as a union of its members"
            )
        return NestedChoice(
            parser_name=f"_{strings.snake_case(label)}",
            label=label,
            choices=tuple(
                (nested.required_field, _model_class(leaf, f"{union.pointer}: member {nested.schema}"))
                for nested, leaf in zip(variant.nested, leaves, strict=True)
            ),
        )


def _flatten(members: list[PropertyProtocol]) -> Iterator[PropertyProtocol]:
    for member in members:
        if isinstance(member, UnionProperty) and not isinstance(member, DiscriminatedUnionProperty):
            yield from _flatten(member.inner_properties)
        else:
            yield member


def _model_class(prop: PropertyProtocol, where: str) -> VariantClass:
    if not isinstance(prop, ModelProperty):
        raise GeneratorFailure(f"{where} was generated as {type(prop).__name__}, not a model class")
    return VariantClass(name=str(prop.class_info.name), module=str(prop.class_info.module_name))


def finish_unions(openapi: GeneratorData, builder: UnionBuilder) -> list[UnionModule]:
    """After parsing: name each union's shared enum, give each variant's discriminator property its
    default (or its Literal of values); return the union modules to render."""
    enums = {
        frozenset(str(value) for value in enum.values.values()): VariantClass(
            str(enum.class_info.name), str(enum.class_info.module_name)
        )
        for enum in openapi.enums
        if isinstance(enum, EnumProperty)
    }
    models = {str(model.class_info.name): model for model in openapi.models}
    by_field: dict[tuple[str, str], set[_Default]] = {}
    for default in builder.defaults:
        by_field.setdefault((default.model, default.property_name), set()).add(default)
    for (model_name, _), defaults in by_field.items():
        model = models.get(model_name)
        # A model that is a variant of several unions with different values for it gets no default.
        if model is not None and len({d.values for d in defaults}) == 1:
            default = next(iter(defaults))
            _set_discriminator_property(openapi, model, default, shared=default.union_values in enums)
    return [
        dataclasses.replace(module, shared_enum=enums.get(frozenset(value for value, _ in module.entries)))
        for module in builder.modules.values()
    ]


def _set_discriminator_property(openapi: GeneratorData, model: ModelProperty, default: _Default, shared: bool) -> None:
    required = model.required_properties or []
    index = next((i for i, prop in enumerate(required) if document_text(prop.name) == default.property_name), None)
    if index is None:
        return  # optional (or inherited and absent): the payload may omit it, nothing to default
    prop = required[index]
    if len(default.values) == 1:
        # Defaulted, so `PasswordGrant(username=..., password=...)` needs no grant_type; attrs wants
        # defaulted fields after the mandatory ones. An enum pins its value with a single-value enum
        # in OpenAPI 3.0, with const in 3.1.
        value = prop.convert_value(default.values[0])
        if value is None or isinstance(value, PropertyError):
            return  # the mapping sends a value the property does not allow (reported as a warning)
        required[index] = evolve(prop, default=value)  # type: ignore[arg-type]  # a NoneProperty has no value to convert
        required.sort(key=lambda item: item.default is not None)
        return
    if shared and isinstance(prop, EnumProperty) and not _used_elsewhere(openapi, model, prop):
        literal = LiteralEnumProperty(
            name=prop.name,
            required=prop.required,
            default=None,
            python_name=prop.python_name,
            description=prop.description,
            example=prop.example,
            values=set(prop.values.values()),
            class_info=prop.class_info,
            value_type=str,
        )
        required[index] = literal
        # One shared enum per spec: the variant's own enum class becomes a Literal alias.
        openapi.enums[:] = [
            literal if isinstance(e, EnumProperty) and e.class_info.name == prop.class_info.name else e
            for e in openapi.enums
        ]
        if model.relative_imports is not None:
            model.relative_imports.update(literal.get_imports(prefix=".."))


def _used_elsewhere(openapi: GeneratorData, model: ModelProperty, prop: EnumProperty) -> bool:
    """Whether a module other than ``model``'s imports ``prop``'s enum class: turned into a Literal
    alias, its members (a default ``Enum.MEMBER``, ``.value``) would be gone from under that module."""
    wanted = f"models.{prop.class_info.module_name} import {prop.class_info.name}"

    def imports(lines: Any) -> bool:
        return any(wanted in line for line in lines or ())

    if any(
        other is not model and (imports(other.relative_imports) or imports(other.lazy_imports))
        for other in openapi.models
    ):
        return True
    return any(
        imports(endpoint.relative_imports)
        for collection in openapi.endpoint_collections_by_tag.values()
        for endpoint in collection.endpoints
    )


def models_by_schema(openapi: GeneratorData) -> dict[str, ModelProperty]:
    """Component schema name → the model generated for it.

    Upstream also lists a parent's reference among the roots of the models of its inline children;
    the component's own model is registered before any of them, so the first one is taken.
    """
    result: dict[str, ModelProperty] = {}
    for model in openapi.models:
        for root in model.roots:
            reference = document_text(root)
            if reference.startswith(_SCHEMA_ROOT):
                result.setdefault(reference.removeprefix(_SCHEMA_ROOT), model)
    return result
