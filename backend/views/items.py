"""How a checklist item is shown: its amount for a household, and what the page script and the API get of it."""
from .. import i18n


def amount_text(item, answers):
    """The item's amount for this household and days goal, in words ("6 litres"); None for an item without one."""
    if not item.quantity:
        return None
    return i18n.format_quantity(item.quantity.unit, item.quantity.amount(answers.household, answers.days))


def item_data(item, code):
    """What the browser is sent of an item, by the page script's data and by the API alike."""
    return {"id": item.id, "essential": item.essential, "only_if": item.only_if, "text": item.text[code],
            "quantity": item.quantity.as_dict() if item.quantity else None,
            "same_as": "/".join(item.same_as) if item.same_as else None}
