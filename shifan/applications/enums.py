"""Application states and workflow actions: stable ASCII codes, Chinese labels."""

from enum import nonmember

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待县区初审"
    RETURNED = "returned", "退回修改"
    DISTRICT_DECLINED = "district_declined", "县区不予推荐"
    RECOMMENDED = "recommended", "县区已推荐"
    SENT_BACK = "sent_back", "市局退回县区"
    ACCEPTED = "accepted", "市局已受理"
    IN_REVIEW = "in_review", "评审中"
    REVIEWED = "reviewed", "评审完成"
    PROPOSED = "proposed", "拟认定"
    NOT_PROPOSED = "not_proposed", "未列入拟认定"
    IN_PUBLICITY = "in_publicity", "公示中"
    RECOGNISED = "recognised", "已认定"
    WITHDRAWN = "withdrawn", "已撤回"

    # Groups are named once here so that callers never compare state names by hand.
    applicant_editable = nonmember(("draft", "returned"))
    district_stage = nonmember(("submitted", "sent_back"))
    bureau_stage = nonmember(("recommended", "accepted", "in_review", "reviewed", "proposed", "not_proposed"))
    terminal = nonmember(("district_declined", "not_proposed", "recognised", "withdrawn"))


class Action(models.TextChoices):
    SUBMIT = "submit", "提交申报"
    WITHDRAW = "withdraw", "撤回申报"
    RETURN = "return", "退回修改"
    DECLINE = "decline", "不予推荐"
    RECOMMEND = "recommend", "推荐"
    ACCEPT = "accept", "受理"
    SEND_BACK = "send_back", "退回县区"
    START_REVIEW = "start_review", "进入评审"
    COMPLETE_REVIEW = "complete_review", "评审完成"
    PROPOSE = "propose", "列入拟认定名单"
    NOT_PROPOSE = "not_propose", "不列入拟认定名单"
    RECONSIDER = "reconsider", "重新研究拟认定"
    PUBLISH = "publish", "公示"
    REMOVE_FROM_LIST = "remove_from_list", "移出名单"
    RECOGNISE = "recognise", "认定"
