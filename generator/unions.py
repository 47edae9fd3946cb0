"""Turning checked discriminated unions into what openapi-python-client renders.

``generator.discriminators`` decides from the spec; this module applies those decisions to the
parsed ``GeneratorData`` before rendering:

- every union-typed property (request body, response, model property, list item) whose variants
  are exactly a discriminated union's becomes a ``DiscriminatedUnionProperty``: its type is the
  union's name, and it parses through the union's dispatch function instead of try-each;
- a variant's discriminator property gets its value as a default when it has exactly one, and a
  ``Literal`` of its values (not an enum class of its own) when it has several;
- the template context for each union module (``overrides/union_module.py.jinja``) is computed here,
  so the template only loops and prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from attrs import define, evolve
from openapi_python_client import strings
from openapi_python_client.config import Config
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import PropertyError
from openapi_python_client.parser.properties import EnumProperty, LiteralEnumProperty, ModelProperty
from openapi_python_client.parser.properties.const import ConstProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.protocol import PropertyProtocol
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.schema.untrusted_string import UntrustedString

from generator.discriminators import DiscriminatedUnion, NestedMember, Variant
from generator.errors import GeneratorFailure

_SCHEMA_ROOT = "/components/schemas/"


@dataclass(frozen=True)
class VariantClass:
    """A generated model class: its name and the module under ``models/`` that defines it."""

    name: str
    module: str


@dataclass(frozen=True)
class NestedChoice:
    """A variant that is a union itself, resolved by which field the payload carries."""

    parser_name: str
    label: str
    choices: tuple[tuple[str, VariantClass], ...]  # (required field, class), in spec order


@dataclass(frozen=True)
class UnionModule:
    """Everything ``union_module.py.jinja`` prints for one union."""

    class_name: str
    module_name: str
    parse_function: str
    property_name: str
    values_constant: str
    description: str
    entries: tuple[tuple[str, str], ...]  # (discriminator value, Variant expression)
    classes: tuple[VariantClass, ...]
    nested: tuple[NestedChoice, ...]
    shared_enum: VariantClass


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
        imports.add(f"from {prefix}models.{self.union_module} import {self.union_class}, {self.parse_function}")
        return imports

    def get_lazy_imports(self, *, prefix: str) -> set[str]:
        return set()


def apply_discriminated_unions(
    openapi: GeneratorData, unions: Iterable[DiscriminatedUnion], config: Config
) -> list[UnionModule]:
    """Rewrite ``openapi`` in place for ``unions``; return the union modules to render."""
    models = models_by_schema(openapi)
    enums_by_values = {
        frozenset(str(value) for value in enum.values.values()): enum
        for enum in openapi.enums
        if isinstance(enum, EnumProperty)
    }
    modules = []
    for union in unions:
        module = _union_module(union, models, enums_by_values, config)
        for variant in union.variants:
            for schema in variant.leaf_schemas:
                _set_discriminator_property(openapi, models[schema], union.property_name, variant.values)
        _replace_union_properties(openapi, frozenset(c.name for c in module.classes), module)
        modules.append(module)
    return modules


def _union_module(
    union: DiscriminatedUnion,
    models: dict[str, ModelProperty],
    enums_by_values: dict[frozenset[str], EnumProperty],
    config: Config,
) -> UnionModule:
    def variant_class(schema: str) -> VariantClass:
        if schema not in models:
            raise GeneratorFailure(f"discriminated union {union.schema}: variant {schema} was not generated as a model")
        info = models[schema].class_info
        return VariantClass(name=str(info.name), module=str(info.module_name))

    class_name = str(strings.ClassName(union.schema, config.field_prefix))
    module_name = strings.snake_case(class_name)
    entries: list[tuple[str, str]] = []
    nested: list[NestedChoice] = []
    for variant in union.variants:
        if variant.nested:
            choice = _nested_choice(variant, variant.nested, variant_class, config)
            nested.append(choice)
            entries.extend((value, choice.parser_name) for value in variant.values)
        else:
            name = variant_class(variant.schema).name
            entries.extend((value, f'Variant("{name}", {name}.from_dict)') for value in variant.values)

    shared = enums_by_values.get(frozenset(union.mapping))
    if shared is None:
        raise GeneratorFailure(
            f"discriminated union {union.schema}: declare one shared string enum schema listing exactly its "
            f"{union.property_name} values ({', '.join(union.mapping)}), so users get one enum instead of a copy "
            "per variant"
        )
    return UnionModule(
        class_name=class_name,
        module_name=module_name,
        parse_function=f"parse_{module_name}",
        property_name=union.property_name,
        values_constant=f"{module_name.upper()}_{strings.snake_case(union.property_name).upper()}S",
        description=f"Any {class_name} variant, selected by {union.property_name!r}.",
        entries=tuple(entries),
        classes=tuple(variant_class(schema) for variant in union.variants for schema in variant.leaf_schemas),
        nested=tuple(nested),
        shared_enum=VariantClass(str(shared.class_info.name), str(shared.class_info.module_name)),
    )


def _nested_choice(
    variant: Variant, members: tuple[NestedMember, ...], variant_class: Any, config: Config
) -> NestedChoice:
    # Named like the model it would have been (from its title), for error messages.
    label = str(strings.ClassName(variant.title or variant.schema, config.field_prefix))
    return NestedChoice(
        parser_name=f"_{strings.snake_case(label)}",
        label=label,
        choices=tuple((member.required_field, variant_class(member.schema)) for member in members),
    )


def models_by_schema(openapi: GeneratorData) -> dict[str, ModelProperty]:
    result: dict[str, ModelProperty] = {}
    for model in openapi.models:
        for root in model.roots:
            reference = root.get_untrusted_value() if isinstance(root, UntrustedString) else str(root)
            if reference.startswith(_SCHEMA_ROOT):
                result[reference.removeprefix(_SCHEMA_ROOT)] = model
    return result


def _set_discriminator_property(
    openapi: GeneratorData, model: ModelProperty, property_name: str, values: tuple[str, ...]
) -> None:
    required = model.required_properties or []
    index = next((i for i, prop in enumerate(required) if str(prop.name.get_untrusted_value()) == property_name), None)
    if index is None:
        raise GeneratorFailure(f"{model.class_info.name}: required property {property_name!r} was not generated")
    prop = required[index]
    if len(values) == 1:
        if not isinstance(prop, ConstProperty):
            raise GeneratorFailure(f"{model.class_info.name}.{property_name} should be a const")
        # Defaulted, so `PasswordGrant(username=..., password=...)` needs no grant_type; attrs wants
        # defaulted fields after the mandatory ones.
        default = prop.convert_value(values[0])
        if default is None or isinstance(default, PropertyError):
            raise GeneratorFailure(f"{model.class_info.name}.{property_name}: {values[0]!r} does not fit its const")
        required[index] = evolve(prop, default=default)
        required.sort(key=lambda item: item.default is not None)
        return
    if isinstance(prop, EnumProperty):
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


def _replace_union_properties(openapi: GeneratorData, leaf_classes: frozenset[str], module: UnionModule) -> None:
    def replace(prop: Any) -> Any:
        if isinstance(prop, UnionProperty) and not isinstance(prop, DiscriminatedUnionProperty):
            inner = [p for p in prop.inner_properties if isinstance(p, ModelProperty)]
            if len(inner) == len(prop.inner_properties) and {str(p.class_info.name) for p in inner} == leaf_classes:
                return DiscriminatedUnionProperty(
                    name=prop.name,
                    required=prop.required,
                    default=None,
                    python_name=prop.python_name,
                    description=prop.description,
                    example=prop.example,
                    inner_properties=prop.inner_properties,
                    union_class=module.class_name,
                    union_module=module.module_name,
                    parse_function=module.parse_function,
                )
        if isinstance(prop, ListProperty):
            inner_replaced = replace(prop.inner_property)
            if inner_replaced is not prop.inner_property:
                return evolve(prop, inner_property=inner_replaced)
        return prop

    for endpoint in _endpoints(openapi):
        for body in endpoint.bodies:
            body.prop = replace(body.prop)
            endpoint.relative_imports.update(body.prop.get_imports(prefix="..."))
        for response in endpoint.responses:
            response.prop = replace(response.prop)
            endpoint.relative_imports.update(response.prop.get_imports(prefix="..."))
    for model in openapi.models:
        for properties in (model.required_properties, model.optional_properties):
            if properties is None:
                continue
            for index, prop in enumerate(properties):
                replaced = replace(prop)
                if replaced is not prop:
                    properties[index] = replaced
                    if model.relative_imports is not None:
                        model.relative_imports.update(replaced.get_imports(prefix=".."))


def _endpoints(openapi: GeneratorData) -> Iterator[Any]:
    for collection in openapi.endpoint_collections_by_tag.values():
        yield from collection.endpoints
